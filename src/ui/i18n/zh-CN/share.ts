import type { Catalogue } from '../catalogue';
import type { share as en } from '../en/share';

/** Simplified Chinese messages of the "share" namespace. */
export const share: Catalogue<typeof en> = {
  placeholder: '占位',
};
