import { app as enApp } from './en/app';
import { classroom as enClassroom } from './en/classroom';
import { history as enHistory } from './en/history';
import { lessons as enLessons } from './en/lessons';
import { models as enModels } from './en/models';
import { share as enShare } from './en/share';
import { glance as enGlance } from './en/glance';
import { survive as enSurvive } from './en/survive';
import { images as enImages } from './en/images';
import { compare as enCompare } from './en/compare';
import { app as zhApp } from './zh-CN/app';
import { classroom as zhClassroom } from './zh-CN/classroom';
import { history as zhHistory } from './zh-CN/history';
import { lessons as zhLessons } from './zh-CN/lessons';
import { models as zhModels } from './zh-CN/models';
import { share as zhShare } from './zh-CN/share';
import { glance as zhGlance } from './zh-CN/glance';
import { survive as zhSurvive } from './zh-CN/survive';
import { images as zhImages } from './zh-CN/images';
import { compare as zhCompare } from './zh-CN/compare';

/** The languages the studio speaks. */
export const LANGUAGES = ['en', 'zh-CN'] as const;

/** One of the studio's languages. */
export type Language = (typeof LANGUAGES)[number];

/** The English catalogues, one per namespace (the reference for keys and types). */
export const EN = { app: enApp, classroom: enClassroom, history: enHistory, lessons: enLessons, models: enModels, share: enShare, survive: enSurvive, glance: enGlance, images: enImages, compare: enCompare } as const;

/** Every catalogue, by language and namespace. */
export const RESOURCES = {
  en: EN,
  'zh-CN': { app: zhApp, classroom: zhClassroom, history: zhHistory, lessons: zhLessons, models: zhModels, share: zhShare, survive: zhSurvive, glance: zhGlance, images: zhImages, compare: zhCompare },
} as const;

/** The namespaces. */
export const NAMESPACES = Object.keys(EN) as (keyof typeof EN)[];
