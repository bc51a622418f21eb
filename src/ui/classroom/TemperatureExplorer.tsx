import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logitsRow, softmaxAt } from '../../engine/inspect/softmax';
import type { Phase } from '../../engine/train/types';
import { useStudio } from '../../store';
import { SliderField } from '../controls/SliderField';
import { ExampleThumb } from './ExampleThumb';
import { classLabel, coordsText, pctNumber } from './format';
import { ProbabilityTable, type ProbColumn } from './ProbabilityTable';
import { useLessonFocus } from '../lessons/useLessonFocus';
import type { ClassroomData } from './useClassroomData';
import { useExplorerT } from './explorerStore';

/** How many examples the picker shows as buttons (others are chosen by number). */
const PICKER_SIZE = 24;

/** The largest wrong-class probability: its class and value, and the total mass on wrong classes. */
function wrongMass(probs: number[], trueClass: number): { mass: number; top: number; topP: number } {
  let mass = 0;
  let top = -1;
  let topP = -1;
  probs.forEach((p, k) => {
    if (k === trueClass) return;
    mass += p;
    if (p > topP) {
      topP = p;
      top = k;
    }
  });
  return { mass, top, topP };
}

/** Pick a test example and compare the teacher's probabilities at an adjustable T with a student's (pure display: no worker message). */
export const TemperatureExplorer = memo(function TemperatureExplorer({ data }: { data: ClassroomData }) {
  const { t } = useTranslation('classroom');
  const { examples, logits, classNames } = data;
  const runT = useStudio((s) => s.run.config?.temperature ?? s.config.temperature);
  const temperature = useExplorerT((s) => s.temperature);
  const setTemperature = useExplorerT((s) => s.setTemperature);
  const [index, setIndex] = useState(0);
  const [typed, setTyped] = useState('');
  const headingId = useId();
  const numberId = useId();
  const T = temperature ?? runT;
  const selected = Math.min(index, examples.count - 1);
  const trueClass = examples.labels[selected]!;
  const nameOf = (k: number) => classLabel(classNames, k);
  const exampleName = (i: number) =>
    examples.pixels
      ? t('example.image', { n: String(i + 1), name: nameOf(examples.labels[i]!) })
      : t('example.point', { n: String(i + 1), coords: coordsText(examples, i), name: nameOf(examples.labels[i]!) });
  const student: Phase | null = logits.distill ? 'distill' : logits.scratch ? 'scratch' : null;
  const shown: Phase[] = logits.teacher ? (student ? ['teacher', student] : ['teacher']) : [];
  const columns: ProbColumn[] = shown.map((phase) => ({ phase, probs: softmaxAt(logitsRow(logits[phase]!.logits, examples.numClasses, selected), T) }));
  const teacherProbs = columns[0]?.probs;
  const dark = teacherProbs && examples.numClasses > 1 ? wrongMass(teacherProbs, trueClass) : null;
  const max = examples.count;
  const typedError = typed !== '' && !(Number.isInteger(Number(typed)) && Number(typed) >= 1 && Number(typed) <= max);
  const pickers = Math.min(PICKER_SIZE, examples.count);
  const { focused: lessonFocused, ref: lessonRef } = useLessonFocus<HTMLElement>('explorer');
  return (
    <section ref={lessonRef} className={`classroom-panel${lessonFocused ? ' lesson-focus' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{t('explorer.title')}</h3>
      <p className="hint">{t('explorer.intro')}</p>
      <div className="example-picker" role="group" aria-label={t('explorer.pick')}>
        {Array.from({ length: pickers }, (_, i) => (
          <button key={i} type="button" className="example-button" aria-pressed={i === selected} aria-label={exampleName(i)} onClick={() => setIndex(i)}>
            <ExampleThumb examples={examples} index={i} label="" />
            <span className="example-class" aria-hidden="true">
              {nameOf(examples.labels[i]!)}
            </span>
          </button>
        ))}
      </div>
      <div className="field inline-number">
        <label htmlFor={numberId}>{t('explorer.number')}</label>
        <span className="hint">{t('explorer.shown', { shown: String(pickers), count: max })}</span>
        <input
          id={numberId}
          type="number"
          min={1}
          max={max}
          step={1}
          value={typed === '' ? selected + 1 : typed}
          aria-invalid={typedError}
          onChange={(e) => {
            const v = e.currentTarget.value;
            const n = Number(v);
            if (v !== '' && Number.isInteger(n) && n >= 1 && n <= max) {
              setIndex(n - 1);
              setTyped('');
            } else setTyped(v);
          }}
        />
        {typedError ? <p className="field-error">{t('explorer.badNumber', { max: String(max) })}</p> : null}
      </div>
      <SliderField
        label={t('explorer.slider')}
        value={T}
        min={0.5}
        max={20}
        step={0.1}
        format={(v) => v.toFixed(1)}
        onChange={setTemperature}
        hint={t('explorer.sliderHint')}
      />
      {columns.length === 0 ? (
        <p className="classroom-empty">{t('explorer.waiting')}</p>
      ) : (
        <>
          <div className="explorer-example">
            <ExampleThumb examples={examples} index={selected} label={exampleName(selected)} />
            <span>{exampleName(selected)}</span>
          </div>
          <p className="hint">
            {student === null ? t('explorer.teacherOnly') : student === 'scratch' ? t('explorer.scratchInstead') : null}{' '}
            {shown.map((p) => t('explorer.epochs', { model: t(`models.${p}`), epoch: String(logits[p]!.epoch) })).join(' ')}
          </p>
          <ProbabilityTable caption={t('explorer.caption', { n: String(selected + 1), t: T.toFixed(1) })} columns={columns} classNames={classNames} trueClass={trueClass} />
          {dark ? (
            <p className="dark-knowledge">
              {t('explorer.dark', {
                t: T.toFixed(1),
                mass: t('percent', { value: pctNumber(dark.mass) }),
                name: nameOf(dark.top),
                top: t('percent', { value: pctNumber(dark.topP) }),
              })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
});
