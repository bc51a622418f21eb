import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { compact, shapeText, type RowShape } from './archStatsText';

/** Props of one editable row. */
interface LayerRowProps {
  /** Row name, e.g. `Student layer 2`. */
  name: string;
  index: number;
  count: number;
  shape: RowShape | null;
  /** The spec stops being buildable at this row. */
  broken: boolean;
  locked: boolean;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  children: ReactNode;
}

/** A list item with a row's fields, its output shape and parameter count, and move / remove buttons. */
export function LayerRow({ name, index, count, shape, broken, locked, onMove, onRemove, children }: LayerRowProps) {
  const { t } = useTranslation();
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  return (
    <li className={broken ? 'layer-row broken' : 'layer-row'} aria-label={name}>
      <span className="layer-index" aria-hidden="true">
        {index + 1}
      </span>
      {children}
      <span className="layer-actions">
        <button type="button" className="small" aria-label={t('layers.moveUp', { name: lower })} disabled={locked || index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className="small" aria-label={t('layers.moveDown', { name: lower })} disabled={locked || index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" className="small" aria-label={t('layers.remove', { name: lower })} disabled={locked} onClick={onRemove}>
          {t('layers.removeButton')}
        </button>
      </span>
      <span className="layer-shape">
        {shape
          ? shape.params > 0
            ? t('layers.shape', { shape: shapeText(shape.shape), params: compact(shape.params) })
            : t('layers.shapeOnly', { shape: shapeText(shape.shape) })
          : broken
            ? t('layers.cannotBuild')
            : t('layers.noShape')}
      </span>
    </li>
  );
}
