import type { Catalogue } from '../catalogue';
import type { models as en } from '../en/models';

/** Simplified Chinese messages of the "models" namespace. */
export const models: Catalogue<typeof en> = {
  placeholder: '占位',
};
