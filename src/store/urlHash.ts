import type { ArchSpec } from '../engine/models/spec';
import { decodeArch, encodeArch } from './archCode';
import { CONFIG_FIELDS, DEFAULT_CONFIG, fieldProblem, type StudioConfig } from './configFields';
import { isLessonId, lessonById, type LessonId } from './lessons';

/** The URL key of every config field (short, stable names: part of shared links). */
export const HASH_KEYS: { readonly [K in keyof StudioConfig]: string } = {
  dataset: 'dataset',
  samples: 'samples',
  noise: 'noise',
  teacherId: 'teacher',
  studentId: 'student',
  teacherCustom: 'teacherLayers',
  studentCustom: 'studentLayers',
  temperature: 'T',
  alpha: 'alpha',
  scaleByT2: 't2',
  softTerm: 'soft',
  teacherLive: 'live',
  repeats: 'seeds',
  sweep: 'sweep',
  sweepTemperatures: 'sweepT',
  sweepAlphas: 'sweepAlpha',
  hintEnabled: 'hint',
  hintBeta: 'beta',
  hintTeacherLayer: 'hintT',
  hintStudentLayer: 'hintS',
  dkdAlpha: 'dkdA',
  dkdBeta: 'dkdB',
  dkdWarmup: 'dkdWarm',
  logitStandardize: 'ls',
  atEnabled: 'at',
  atBeta: 'atBeta',
  atTeacherLayers: 'atT',
  atStudentLayers: 'atS',
  rkdEnabled: 'rkd',
  rkdDistance: 'rkdD',
  rkdAngle: 'rkdA',
  rkdSource: 'rkdOn',
  rkdTeacherLayer: 'rkdT',
  rkdStudentLayer: 'rkdS',
  transferSize: 'transfer',
  excludeClasses: 'exclude',
  augment: 'augment',
  flip: 'flip',
  epochs: 'epochs',
  batchSize: 'batch',
  learningRate: 'lr',
  optimizer: 'opt',
  seed: 'seed',
  backend: 'backend',
  validationFraction: 'val',
  teacherPerSeed: 'seedTeacher',
  standardize: 'standardize',
  compare: 'compare',
  compareMethods: 'methods',
  compareSeeds: 'compareSeeds',
  ensembleSize: 'ensemble',
  assistantEnabled: 'ta',
  assistantId: 'taModel',
  ensembleTeacherIds: 'ensembleModels',
};

/** View settings carried by the link besides the experiment (declared like the config fields). */
export interface ViewSettings {
  /** Large-font (projector) mode. */
  large: boolean;
  /** The open view (tab) of the main area. */
  view: ViewId;
}

/** The view fields: URL key and default. */
export const VIEW_FIELDS: { readonly [K in keyof ViewSettings]: { key: string; default: ViewSettings[K] } } = {
  large: { key: 'large', default: false },
  view: { key: 'view', default: 'train' },
};

/** The named views of the main area, in tab order (the link's `view=`). */
export const VIEW_IDS = ['train', 'data', 'knowledge', 'export', 'history'] as const;

/** One named view (a tab). */
export type ViewId = (typeof VIEW_IDS)[number];

/** True for a declared view id. */
export function isViewId(v: string): v is ViewId {
  return (VIEW_IDS as readonly string[]).includes(v);
}

/** URL keys of the open lesson and its applied part (1-based): `lesson=omittedDigit&part=1`. */
export const LESSON_KEY = 'lesson';
export const PART_KEY = 'part';

/** A lesson named by a link: its id and the part to apply (1-based), when given and valid. */
export interface LinkedLesson {
  id: LessonId;
  part: number | null;
}

/** URL key of the hide flags. */
export const HIDE_KEY = 'hide';

/**
 * Ids of the controls a link may hide (TensorFlow Playground's hide flags): one per control, and one per
 * section of the sidebar. Control ids equal their field's URL key.
 */
export const HIDEABLE_IDS = [
  'data',
  'models',
  'distillation',
  'training',
  'experiment',
  'dataset',
  'recipe',
  'samples',
  'noise',
  'teacher',
  'student',
  'soft',
  'T',
  'alpha',
  't2',
  'live',
  'hint',
  'ls',
  'at',
  'rkd',
  'epochs',
  'batch',
  'opt',
  'lr',
  'seed',
  'backend',
  'seeds',
  'sweep',
  'transfer',
  'exclude',
  'augment',
  'flip',
  'val',
  'seedTeacher',
  'standardize',
  'compare',
  'ensemble',
  'ta',
  // Panels outside the sidebar sections, for focused exercises.
  'lessons',
  'teacherFile',
  'classroom',
  'boundaries',
  'history',
  'export',
] as const;

/** A control a link may hide. */
export type HideId = (typeof HIDEABLE_IDS)[number];

/** True for a declared hideable control id. */
export function isHideId(v: string): v is HideId {
  return (HIDEABLE_IDS as readonly string[]).includes(v);
}

/** Something in a link that could not be used as it was, said in codes (the UI words them). */
export type HashNotice =
  /** A field's value was invalid or out of range: `used` is the (serialised) value taken instead. */
  | { kind: 'badValue'; key: string; value: string; used: string }
  | { kind: 'unknownKey'; key: string; value: string }
  | { kind: 'unknownHide'; id: string };

/** What a link says. */
export interface ParsedHash {
  /** The full config: the link's values, defaults for fields it leaves out or gets wrong. */
  config: StudioConfig;
  /** The view settings the link sets (only those it names). */
  view: Partial<ViewSettings>;
  /** Controls to hide, in declared order, without duplicates. */
  hidden: HideId[];
  notices: HashNotice[];
  /** True when the link names at least one config field (then it defines the whole experiment). */
  hasConfig: boolean;
  /** The lesson the link opens (and the part it applies), or null. */
  lesson: LinkedLesson | null;
}

/** Numbers as written in links: plain decimal or exponent notation (no hex, no blanks, no Infinity). */
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A number from link text, NaN when it is not plainly one. */
function toNumber(text: string): number {
  return NUMBER_TEXT.test(text) ? Number(text) : Number.NaN;
}

/** A field value as link text. */
function valueText<K extends keyof StudioConfig>(key: K, value: StudioConfig[K]): string {
  const f = CONFIG_FIELDS[key];
  switch (f.kind) {
    case 'number':
      return String(value);
    case 'numberList':
      return (value as number[]).join(',');
    case 'enum':
      return String(value);
    case 'enumList':
      return (value as string[]).join(',');
    case 'boolean':
      return value ? '1' : '0';
    case 'arch':
      return value === null ? 'preset' : encodeArch(value as ArchSpec);
  }
}

/** Link text back to a raw field value (not yet validated); undefined when it cannot even be read. */
function textValue(key: keyof StudioConfig, text: string): unknown {
  const f = CONFIG_FIELDS[key];
  switch (f.kind) {
    case 'number':
      return toNumber(text);
    case 'numberList':
      return text === '' ? [] : text.split(',').map(toNumber);
    case 'enum':
      return text;
    case 'enumList':
      return text === '' ? [] : text.split(',');
    case 'boolean':
      return text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : undefined;
    case 'arch':
      return text === 'preset' ? null : (decodeArch(text) ?? undefined);
  }
}

/** Config field by URL key. */
const FIELD_BY_KEY = new Map<string, keyof StudioConfig>((Object.keys(HASH_KEYS) as (keyof StudioConfig)[]).map((k) => [HASH_KEYS[k], k]));

/** Splits `#a=1&b=2` into decoded pairs (a key without `=` has the value ''). */
function pairs(hash: string): [string, string][] {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return [];
  return body
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const at = p.indexOf('=');
      const [k, v] = at < 0 ? [p, ''] : [p.slice(0, at), p.slice(at + 1)];
      return [safeDecode(k), safeDecode(v)];
    });
}

/** decodeURIComponent that keeps malformed escapes as they are. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Reads a link's hash: every field through the config table, bad values replaced by defaults with a notice. */
export function parseHash(hash: string): ParsedHash {
  const config = { ...DEFAULT_CONFIG } as Record<keyof StudioConfig, unknown>;
  const view: Partial<ViewSettings> = {};
  const hidden = new Set<HideId>();
  const notices: HashNotice[] = [];
  let hasConfig = false;
  let lessonText: string | null = null;
  let partText: string | null = null;
  for (const [key, text] of pairs(hash)) {
    const field = FIELD_BY_KEY.get(key);
    if (field) {
      hasConfig = true;
      const raw = textValue(field, text);
      if (raw !== undefined && fieldProblem(field, raw) === null) config[field] = raw;
      else {
        config[field] = DEFAULT_CONFIG[field];
        notices.push({ kind: 'badValue', key, value: text, used: valueText(field, DEFAULT_CONFIG[field]) });
      }
    } else if (key === VIEW_FIELDS.large.key) {
      if (text === '1' || text === '0') view.large = text === '1';
      else notices.push({ kind: 'badValue', key, value: text, used: VIEW_FIELDS.large.default ? '1' : '0' });
    } else if (key === VIEW_FIELDS.view.key) {
      if (isViewId(text)) view.view = text;
      else notices.push({ kind: 'badValue', key, value: text, used: VIEW_FIELDS.view.default });
    } else if (key === LESSON_KEY) {
      lessonText = text;
    } else if (key === PART_KEY) {
      partText = text;
    } else if (key === HIDE_KEY) {
      for (const id of text.split(',').filter((s) => s !== '')) {
        if (isHideId(id)) hidden.add(id);
        else notices.push({ kind: 'unknownHide', id });
      }
    } else {
      notices.push({ kind: 'unknownKey', key, value: text });
    }
  }
  return {
    config: config as unknown as StudioConfig,
    view,
    hidden: HIDEABLE_IDS.filter((id) => hidden.has(id)),
    notices,
    hasConfig,
    lesson: linkedLesson(lessonText, partText, notices),
  };
}

/** The lesson a link's `lesson=` and `part=` name; an unknown lesson or part is a notice (no lesson, or no part). */
function linkedLesson(lessonText: string | null, partText: string | null, notices: HashNotice[]): LinkedLesson | null {
  if (lessonText === null) {
    if (partText !== null) notices.push({ kind: 'unknownKey', key: PART_KEY, value: partText });
    return null;
  }
  if (!isLessonId(lessonText)) {
    notices.push({ kind: 'badValue', key: LESSON_KEY, value: lessonText, used: '' });
    return null;
  }
  if (partText === null) return { id: lessonText, part: null };
  const n = NUMBER_TEXT.test(partText) ? Number(partText) : Number.NaN;
  if (Number.isInteger(n) && n >= 1 && n <= lessonById(lessonText).parts.length) return { id: lessonText, part: n };
  notices.push({ kind: 'badValue', key: PART_KEY, value: partText, used: '' });
  return { id: lessonText, part: null };
}

/** Characters kept as they are in link values (besides letters and digits): readable links. */
const encodeValue = (v: string): string => encodeURIComponent(v).replace(/%2C/g, ',');

/**
 * The hash of a link to this setup: every field that differs from its default (in table order), the view
 * settings that differ from theirs, and the hide flags. Defaults are left out, so `parseHash` restores them.
 */
export function serializeHash(config: StudioConfig, hidden: readonly HideId[] = [], view: Partial<ViewSettings> = {}, lesson: LinkedLesson | null = null): string {
  const parts: string[] = [];
  for (const key of Object.keys(CONFIG_FIELDS) as (keyof StudioConfig)[]) {
    const text = valueText(key, config[key]);
    if (text !== valueText(key, DEFAULT_CONFIG[key])) parts.push(`${HASH_KEYS[key]}=${encodeValue(text)}`);
  }
  if (view.large !== undefined && view.large !== VIEW_FIELDS.large.default) parts.push(`${VIEW_FIELDS.large.key}=${view.large ? 1 : 0}`);
  if (view.view !== undefined && view.view !== VIEW_FIELDS.view.default) parts.push(`${VIEW_FIELDS.view.key}=${view.view}`);
  if (lesson) parts.push(`${LESSON_KEY}=${lesson.id}`, ...(lesson.part !== null ? [`${PART_KEY}=${lesson.part}`] : []));
  const hide = HIDEABLE_IDS.filter((id) => hidden.includes(id));
  if (hide.length > 0) parts.push(`${HIDE_KEY}=${hide.join(',')}`);
  return parts.length > 0 ? `#${parts.join('&')}` : '';
}
