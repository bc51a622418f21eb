import { memo, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { disagreements } from '../../engine/inspect/disagreements';
import { ExampleThumb } from './ExampleThumb';
import { classLabel, MODEL_COLORS, pctNumber } from './format';
import type { ClassroomData } from './useClassroomData';

/** Rows per page. */
const PAGE_SIZE = 10;

/** Classes by falling probability, the first `n`. */
function topClasses(probs: number[], n: number): number[] {
  return probs
    .map((p, k) => [p, k] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, n)
    .map(([, k]) => k);
}

/** The examples on which the distilled student and the teacher predict different classes, with both models' probabilities, paged. */
export const AgreementView = memo(function AgreementView({ data }: { data: ClassroomData }) {
  const { t } = useTranslation('classroom');
  const { examples, logits, classNames } = data;
  const headingId = useId();
  const [page, setPage] = useState(0);
  const teacher = logits.teacher?.logits;
  const distill = logits.distill?.logits;
  const list = useMemo(() => (teacher && distill ? disagreements(teacher, distill, examples.numClasses) : null), [teacher, distill, examples.numClasses]);
  const pages = list ? Math.max(1, Math.ceil(list.length / PAGE_SIZE)) : 1;
  const current = Math.min(page, pages - 1);
  const rows = list ? list.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE) : [];
  const nameOf = (k: number) => classLabel(classNames, k);
  const probsText = (probs: number[]) =>
    topClasses(probs, 3)
      .map((k) => t('agreement.says', { name: nameOf(k), p: t('percent', { value: pctNumber(probs[k]!) }) }))
      .join(' · ');
  return (
    <section className="classroom-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('agreement.title')}</h3>
      <p className="hint">{t('agreement.intro')}</p>
      {!list ? (
        <p className="classroom-empty">{t('agreement.notYet')}</p>
      ) : (
        <>
          <p>
            {list.length === 0
              ? t('agreement.none')
              : t('agreement.count', { n: String(list.length), count: examples.count, pct: t('percent', { value: pctNumber(list.length / examples.count) }) })}
          </p>
          {list.length > 0 ? (
            <>
              <table className="agreement">
                <thead>
                  <tr>
                    <th scope="col">{t('agreement.exampleColumn')}</th>
                    <th scope="col">{t('agreement.trueColumn')}</th>
                    <th scope="col">{t('agreement.saysColumn', { model: t('models.teacher') })}</th>
                    <th scope="col">{t('agreement.saysColumn', { model: t('models.distill') })}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((d) => (
                    <tr key={d.index}>
                      <th scope="row">
                        <ExampleThumb examples={examples} index={d.index} label={t('example.image', { n: String(d.index + 1), name: nameOf(examples.labels[d.index]!) })} />
                        <span> #{d.index + 1}</span>
                      </th>
                      <td>{nameOf(examples.labels[d.index]!)}</td>
                      <td>
                        <MiniBars probs={d.probsA} color={MODEL_COLORS.teacher} />
                        <span>{probsText(d.probsA)}</span>
                      </td>
                      <td>
                        <MiniBars probs={d.probsB} color={MODEL_COLORS.distill} />
                        <span>{probsText(d.probsB)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="pager">
                <button type="button" className="small" disabled={current === 0} onClick={() => setPage(current - 1)}>
                  {t('agreement.previous')}
                </button>
                <span>{t('agreement.page', { page: String(current + 1), pages: String(pages) })}</span>
                <button type="button" className="small" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
                  {t('agreement.next')}
                </button>
              </div>
            </>
          ) : null}
        </>
      )}
    </section>
  );
});

/** Every class's probability as a thin column (decorative; the text beside it carries the values). */
function MiniBars({ probs, color }: { probs: number[]; color: string }) {
  return (
    <span className="mini-bars" aria-hidden="true">
      {probs.map((p, k) => (
        <span key={k} style={{ height: `${Math.max(1, p * 100).toFixed(1)}%`, background: color }} />
      ))}
    </span>
  );
}
