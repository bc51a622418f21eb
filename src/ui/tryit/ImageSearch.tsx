import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logitsRow } from '../../engine/inspect/softmax';
import { PHASES, type Phase } from '../../engine/train/types';
import { classLabel } from '../classroom/format';
import { ExampleThumb } from '../classroom/ExampleThumb';
import type { ClassroomData } from '../classroom/useClassroomData';
import { ModelProbabilities } from './ModelProbabilities';

/** Thumbnails shown at most per search. */
const SHOWN = 40;

/** The examples matching a search: a class number or name (part of it), or an example number ("#12"). */
export function searchExamples(labels: Int32Array, classNames: readonly string[], query: string): number[] {
  const q = query.trim().toLowerCase();
  const all = Array.from(labels.keys());
  if (q === '') return all;
  const number = /^#(\d+)$/.exec(q);
  if (number) {
    const i = Number(number[1]) - 1;
    return i >= 0 && i < labels.length ? [i] : [];
  }
  const classes = new Set(classNames.map((name, k) => (String(k) === q || name.toLowerCase().includes(q) ? k : -1)).filter((k) => k >= 0));
  return all.filter((i) => classes.has(labels[i]!));
}

/** A searchable gallery of the inspected test images: pick one to see the three models' probabilities on it. */
export function ImageSearch({ data }: { data: ClassroomData }) {
  const { t } = useTranslation('glance');
  const tc = useTranslation('classroom').t;
  const { examples, classNames, logits } = data;
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<number | null>(null);
  const matches = useMemo(() => searchExamples(examples.labels, classNames, query), [examples, classNames, query]);
  const shown = matches.slice(0, SHOWN);
  const nameOf = (i: number) => tc('example.image', { n: String(i + 1), name: classLabel(classNames, examples.labels[i]!) });
  const pickedLogits: Partial<Record<Phase, ArrayLike<number>>> = {};
  if (picked !== null) for (const p of PHASES) if (logits[p]) pickedLogits[p] = logitsRow(logits[p]!.logits, examples.numClasses, picked);
  return (
    <div className="image-search">
      <div className="field">
        <label htmlFor={searchId}>{t('tryit.search')}</label>
        <input id={searchId} type="search" value={query} aria-describedby={`${searchId}-hint`} onChange={(e) => setQuery(e.currentTarget.value)} />
        <p className="hint" id={`${searchId}-hint`}>
          {t('tryit.searchHint', { shown: String(shown.length), count: matches.length, total: String(examples.count) })}
        </p>
      </div>
      <div className="example-picker" role="group" aria-label={t('tryit.galleryLabel')}>
        {shown.map((i) => (
          <button key={i} type="button" className="example-button" aria-pressed={i === picked} aria-label={nameOf(i)} onClick={() => setPicked(i)}>
            <ExampleThumb examples={examples} index={i} label="" />
          </button>
        ))}
      </div>
      {picked !== null ? (
        <ModelProbabilities logits={pickedLogits} classNames={classNames} trueClass={examples.labels[picked]!} what={nameOf(picked)} />
      ) : null}
    </div>
  );
}
