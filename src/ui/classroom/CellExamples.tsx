import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectExamples } from '../../engine/inspect/examples';
import { ExampleThumb } from './ExampleThumb';
import { classLabel } from './format';

/** How many examples of a cell are listed. */
const LIST_LIMIT = 40;

/** The examples of one confusion-matrix cell: thumbnail or coordinates, with predicted and true class. */
export function CellExamples({
  title,
  examples,
  indices,
  preds,
  classNames,
  onClose,
}: {
  title: string;
  examples: InspectExamples;
  indices: number[];
  preds: Int32Array;
  classNames: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation('classroom');
  const headingId = useId();
  const shown = indices.slice(0, LIST_LIMIT);
  return (
    <section className="cell-examples" aria-labelledby={headingId}>
      <h4 id={headingId}>{title}</h4>
      {shown.length === 0 ? (
        <p>{t('confusion.none')}</p>
      ) : (
        <ul>
          {shown.map((i) => {
            const name = t('example.image', { n: String(i + 1), name: classLabel(classNames, examples.labels[i]!) });
            return (
              <li key={i}>
                <ExampleThumb examples={examples} index={i} label={name} />
                <span>
                  #{i + 1}: {t('confusion.item', { p: classLabel(classNames, preds[i]!), t: classLabel(classNames, examples.labels[i]!) })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {indices.length > shown.length ? <p className="hint">{t('confusion.more', { n: String(indices.length - shown.length) })}</p> : null}
      <button type="button" className="small" onClick={onClose}>
        {t('confusion.close')}
      </button>
    </section>
  );
}
