import type { Catalogue } from '../catalogue';
import type { survive as en } from '../en/survive';

/** Simplified Chinese messages of the "survive" namespace. */
export const survive: Catalogue<typeof en> = {
  placeholder: '占位',
};
