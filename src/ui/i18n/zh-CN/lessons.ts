import type { Catalogue } from '../catalogue';
import type { lessons as en } from '../en/lessons';

/** Simplified Chinese messages of the "lessons" namespace. */
export const lessons: Catalogue<typeof en> = {
  placeholder: '占位',
};
