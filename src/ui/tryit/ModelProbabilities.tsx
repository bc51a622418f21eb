import { useTranslation } from 'react-i18next';
import { argmax, softmaxAt } from '../../engine/inspect/softmax';
import { PHASES, type Phase } from '../../engine/train/types';
import { useStudio } from '../../store';
import { explorerTemperature, useExplorerT } from '../classroom/explorerStore';
import { classLabel, pctNumber } from '../classroom/format';
import { ProbabilityTable, type ProbColumn } from '../classroom/ProbabilityTable';

/** The three models' class probabilities for one input at the explorer's temperature, with a one-line summary. */
export function ModelProbabilities({ logits, classNames, trueClass, what }: { logits: Partial<Record<Phase, ArrayLike<number> | null>>; classNames: string[]; trueClass: number; what: string }) {
  const { t } = useTranslation('glance');
  const tc = useTranslation('classroom').t;
  const own = useExplorerT((s) => s.temperature);
  const runT = useStudio((s) => s.run.config?.temperature ?? s.config.temperature);
  const T = explorerTemperature(own, runT);
  const columns: ProbColumn[] = PHASES.filter((p) => logits[p]).map((phase) => ({ phase, probs: softmaxAt(logits[phase]!, T) }));
  if (columns.length === 0) return <p className="classroom-empty">{t('tryit.noModels')}</p>;
  const summary = columns
    .map((c) => {
      const k = argmax(c.probs);
      return t('tryit.says', { model: tc(`models.${c.phase}`), name: classLabel(classNames, k), p: tc('percent', { value: pctNumber(c.probs[k]!) }) });
    })
    .join(' · ');
  return (
    <div className="tryit-probs">
      <p className="tryit-summary" aria-live="polite">
        {summary}
      </p>
      <ProbabilityTable caption={t('tryit.caption', { what, t: T.toFixed(1) })} columns={columns} classNames={classNames} trueClass={trueClass} />
    </div>
  );
}
