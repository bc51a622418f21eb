import { memo, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confusionMatrix, examplesInCell, type ConfusionMatrix } from '../../engine/inspect/confusion';
import { predictions } from '../../engine/inspect/softmax';
import { PHASES, type Phase } from '../../engine/train/types';
import { CellExamples } from './CellExamples';
import { classLabel, pctNumber } from './format';
import type { ClassroomData } from './useClassroomData';

/** A chosen cell of one model's matrix. */
interface Cell {
  phase: Phase;
  t: number;
  p: number;
}

/** Shading of a cell: a blue whose opacity grows with its count (capped so the dark count text keeps AA contrast). */
function shade(count: number, max: number): { background: string } {
  const a = max > 0 ? (0.6 * count) / max : 0;
  return { background: `rgba(11, 83, 148, ${a.toFixed(3)})` };
}

/** One model's matrix as a table of buttons (row: true class, column: predicted class). */
const MatrixTable = memo(function MatrixTable({
  phase,
  matrix,
  epoch,
  classNames,
  chosen,
  onChoose,
}: {
  phase: Phase;
  matrix: ConfusionMatrix;
  epoch: number;
  classNames: string[];
  chosen: Cell | null;
  onChoose: (cell: Cell) => void;
}) {
  const { t } = useTranslation('classroom');
  const count = matrix.counts.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const right = matrix.counts.reduce((s, row, k) => s + row[k]!, 0);
  return (
    <table className="confusion">
      <caption>
        {t('confusion.caption', { model: t(`models.${phase}`), epoch: String(epoch), right: String(right), count, pct: t('percent', { value: pctNumber(count ? right / count : 0) }) })}
      </caption>
      <thead>
        <tr>
          <td className="corner">{t('confusion.corner')}</td>
          {classNames.map((_, k) => (
            <th scope="col" key={k}>
              {k}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.counts.map((row, ti) => (
          <tr key={ti}>
            <th scope="row" title={classLabel(classNames, ti)}>
              {ti}
            </th>
            {row.map((n, pi) => {
              const on = chosen !== null && chosen.phase === phase && chosen.t === ti && chosen.p === pi;
              return (
                <td key={pi} className={ti === pi ? 'diagonal' : undefined}>
                  <button
                    type="button"
                    className="cell"
                    style={shade(n, matrix.max)}
                    aria-pressed={on}
                    aria-label={t('confusion.cell', { t: classLabel(classNames, ti), p: classLabel(classNames, pi), n: String(n) })}
                    onClick={() => onChoose({ phase, t: ti, p: pi })}
                  >
                    {n}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
});

/** Confusion matrices of the three models on the inspected examples; choosing a cell lists its examples. */
export const ConfusionMatrices = memo(function ConfusionMatrices({ data }: { data: ClassroomData }) {
  const { t } = useTranslation('classroom');
  const { examples, logits, classNames } = data;
  const headingId = useId();
  const [chosen, setChosen] = useState<Cell | null>(null);
  const teacher = logits.teacher?.logits;
  const scratch = logits.scratch?.logits;
  const distill = logits.distill?.logits;
  const preds = useMemo(() => {
    const of = (l: Float32Array | undefined) => (l ? predictions(l, examples.numClasses) : null);
    return { teacher: of(teacher), scratch: of(scratch), distill: of(distill) } as Record<Phase, Int32Array | null>;
  }, [teacher, scratch, distill, examples.numClasses]);
  const matrices = useMemo(() => {
    const of = (p: Int32Array | null) => (p ? confusionMatrix(examples.labels, p, examples.numClasses) : null);
    return { teacher: of(preds.teacher), scratch: of(preds.scratch), distill: of(preds.distill) } as Record<Phase, ConfusionMatrix | null>;
  }, [preds, examples]);
  const chosenPreds = chosen ? preds[chosen.phase] : null;
  const members = useMemo(
    () => (chosen && chosenPreds ? examplesInCell(examples.labels, chosenPreds, chosen.t, chosen.p) : []),
    [chosen, chosenPreds, examples.labels],
  );
  return (
    <section className="classroom-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('confusion.title')}</h3>
      <p className="hint">{t('confusion.intro')}</p>
      <div className="confusion-row">
        {PHASES.map((phase) => {
          const m = matrices[phase];
          return m ? (
            <MatrixTable key={phase} phase={phase} matrix={m} epoch={logits[phase]!.epoch} classNames={classNames} chosen={chosen} onChoose={setChosen} />
          ) : (
            <p key={phase} className="classroom-empty">
              {t('confusion.notYet', { model: t(`models.${phase}`) })}
            </p>
          );
        })}
      </div>
      {classNames.some((name, k) => name !== String(k)) ? (
        <p className="hint confusion-legend">{t('confusion.legend', { list: classNames.map((_, k) => classLabel(classNames, k)).join(', ') })}</p>
      ) : null}
      {chosen && chosenPreds ? (
        <CellExamples
          title={t('confusion.listTitle', { model: t(`models.${chosen.phase}`), t: classLabel(classNames, chosen.t), p: classLabel(classNames, chosen.p), n: String(members.length) })}
          examples={examples}
          indices={members}
          preds={chosenPreds}
          classNames={classNames}
          onClose={() => setChosen(null)}
        />
      ) : null}
    </section>
  );
});
