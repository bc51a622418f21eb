import type { ReactNode } from 'react';
import type { HideId } from '../../store/urlHash';
import { useStudio } from '../../store';

/** Renders its children unless the link's hide flags name `id` (the control's value stays in the config). */
export function Hideable({ id, children }: { id: HideId; children: ReactNode }) {
  return useStudio((s) => s.share.hidden.includes(id)) ? null : <>{children}</>;
}
