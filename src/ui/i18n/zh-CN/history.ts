import type { Catalogue } from '../catalogue';
import type { history as en } from '../en/history';

/** Simplified Chinese messages of the "history" namespace. */
export const history: Catalogue<typeof en> = {
  placeholder: '占位',
};
