import type { AugmentMode } from '../../engine/train/types';
import type { SweepMode } from '../../store/configFields';
import { useStudio } from '../../store';
import { currentMeta } from '../../store/configSlice';
import { ListField } from './ListField';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

const SWEEP_OPTIONS: { value: SweepMode; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'temperature', label: 'Temperature' },
  { value: 'alpha', label: 'Alpha' },
  { value: 'both', label: 'Temperature × alpha' },
];

/** Honest-comparison settings: repeat the students with several seeds, and sweep T and/or α. */
export function ExperimentControls({ locked }: { locked: boolean }) {
  const sweep = useStudio((s) => s.config.sweep);
  const augment = useStudio((s) => s.config.augment);
  const isImage = useStudio((s) => currentMeta(s.config).inputShape.length === 3);
  const setConfig = useStudio((s) => s.setConfig);
  return (
    <fieldset>
      <legend>Experiment</legend>
      <NumberField field="repeats" label="Seeds" step="1" disabled={locked} />
      <p className="hint">Repeat both students with this many seeds (1–10) and report mean ± std of the gain.</p>
      <SelectField<SweepMode> label="Sweep" value={sweep} disabled={locked} options={SWEEP_OPTIONS} onChange={(v) => setConfig({ sweep: v })} />
      {sweep === 'temperature' || sweep === 'both' ? <ListField field="sweepTemperatures" label="Temperatures" disabled={locked} /> : null}
      {sweep === 'alpha' || sweep === 'both' ? <ListField field="sweepAlphas" label="Alphas" disabled={locked} /> : null}
      {sweep !== 'off' ? <p className="hint">After the main run, the student is distilled again at each point, re-using the teacher.</p> : null}
      <NumberField field="transferSize" label="Transfer set size" step="100" disabled={locked} />
      <p className="hint">0: the students see every training example. Otherwise both students train on a seeded, stratified subset of this size while the teacher uses all of it.</p>
      <ListField field="excludeClasses" label="Classes left out of the transfer set" disabled={locked} />
      {isImage ? (
        <>
          <SelectField<AugmentMode>
            label="Augmentation"
            value={augment}
            disabled={locked}
            options={[
              { value: 'off', label: 'Off' },
              { value: 'teacher', label: 'Random ±2 px shifts for the teacher' },
              { value: 'all', label: 'Random ±2 px shifts for every model' },
            ]}
            onChange={(v) => setConfig({ augment: v })}
          />
          <p className="hint">Shifting the students' inputs means the teacher runs live (its logits cannot be cached).</p>
        </>
      ) : null}
    </fieldset>
  );
}
