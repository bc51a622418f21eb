import type { ReactNode } from 'react';
import type { HideId } from '../../store/urlHash';
import { useHidden } from './shareStore';

/** Renders its children unless the link's hide flags name `id` (the control's value stays in the config). */
export function Hideable({ id, children }: { id: HideId; children: ReactNode }) {
  return useHidden(id) ? null : <>{children}</>;
}
