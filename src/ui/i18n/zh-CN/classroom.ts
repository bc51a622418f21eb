import type { Catalogue } from '../catalogue';
import type { classroom as en } from '../en/classroom';

/** Simplified Chinese messages of the "classroom" namespace. */
export const classroom: Catalogue<typeof en> = {
  placeholder: '占位',
};
