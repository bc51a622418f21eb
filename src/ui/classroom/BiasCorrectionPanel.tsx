import { memo, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { biasCorrection } from '../../engine/inspect/biasCorrection';
import { useStudio } from '../../store';
import { SelectField } from '../controls/SelectField';
import { SliderField } from '../controls/SliderField';
import { classLabel, pctNumber } from './format';
import { useLessonFocus } from '../lessons/useLessonFocus';
import type { ClassroomData } from './useClassroomData';

/** Hinton 2015's omitted-class fix: add a bias to one class's logit of the distilled student and compare accuracies before and after. */
export const BiasCorrectionPanel = memo(function BiasCorrectionPanel({ data }: { data: ClassroomData }) {
  const { t } = useTranslation('classroom');
  const { examples, logits, classNames, excluded } = data;
  const headingId = useId();
  const firstExcluded = excluded.find((k) => k >= 0 && k < examples.numClasses);
  const [chosen, setChosen] = useState<number | null>(null);
  const [bias, setBias] = useState(0);
  const cls = chosen !== null && chosen < examples.numClasses ? chosen : (firstExcluded ?? 0);
  const distill = logits.distill?.logits;
  const result = useMemo(
    () => (distill ? biasCorrection(distill, examples.labels, examples.numClasses, cls, bias) : null),
    [distill, examples.labels, examples.numClasses, cls, bias],
  );
  // The same correction on the validation set (sent with the results), so the bias can be chosen without the test set.
  const validation = useStudio((s) => s.run.results?.validationLogits ?? null);
  const valLogits = useMemo(() => (validation ? Float32Array.from(validation.logits) : null), [validation]);
  const valResult = useMemo(
    () => (valLogits && validation ? biasCorrection(valLogits, validation.labels, examples.numClasses, cls, bias) : null),
    [valLogits, validation, examples.numClasses, cls, bias],
  );
  const name = classLabel(classNames, cls);
  const fmt = (v: number | null) => (v === null ? t('bias.noExamples') : t('percent', { value: pctNumber(v) }));
  const { focused: lessonFocused, ref: lessonRef } = useLessonFocus<HTMLElement>('bias');
  return (
    <section ref={lessonRef} className={`classroom-panel${lessonFocused ? ' lesson-focus' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{t('bias.title')}</h3>
      <p className="hint">{t('bias.intro')}</p>
      <div className="pair">
        <SelectField
          label={t('bias.classLabel')}
          value={String(cls)}
          options={classNames.map((_, k) => ({ value: String(k), label: excluded.includes(k) ? t('bias.leftOut', { name: classLabel(classNames, k) }) : classLabel(classNames, k) }))}
          onChange={(v) => setChosen(Number(v))}
        />
        <SliderField label={t('bias.slider')} value={bias} min={0} max={10} step={0.1} format={(v) => v.toFixed(1)} onChange={setBias} />
      </div>
      {!result ? (
        <p className="classroom-empty">{t('bias.notYet')}</p>
      ) : (
        <>
          <table className="bias-table">
            <caption>{t('bias.caption', { name, b: bias.toFixed(1) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bias.measure')}</th>
                <th scope="col">{t('bias.before')}</th>
                <th scope="col">{t('bias.after')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('bias.onClass', { name })}</th>
                <td>{fmt(result.before.classAccuracy)}</td>
                <td>{fmt(result.after.classAccuracy)}</td>
              </tr>
              <tr>
                <th scope="row">{t('bias.overall')}</th>
                <td>{fmt(result.before.accuracy)}</td>
                <td>{fmt(result.after.accuracy)}</td>
              </tr>
              {valResult ? (
                <>
                  <tr>
                    <th scope="row">{t('bias.valClass', { name })}</th>
                    <td>{fmt(valResult.before.classAccuracy)}</td>
                    <td>{fmt(valResult.after.classAccuracy)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('bias.valOverall')}</th>
                    <td>{fmt(valResult.before.accuracy)}</td>
                    <td>{fmt(valResult.after.accuracy)}</td>
                  </tr>
                </>
              ) : null}
            </tbody>
          </table>
          <p className="hint">{t('bias.changed', { n: String(result.changed), count: examples.count })}</p>
        </>
      )}
    </section>
  );
});
