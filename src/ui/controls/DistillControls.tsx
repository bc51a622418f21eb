import { CONFIG_FIELDS } from '../../store/configFields';
import { useStudio } from '../../store';
import { isFinished } from '../../store/runState';
import { studioWorker } from '../bridge/studioWorker';
import type { SoftTerm } from '../../engine/losses';
import { HintControls } from './HintControls';
import { SelectField } from './SelectField';
import { SliderField } from './SliderField';

const T = CONFIG_FIELDS.temperature;
const A = CONFIG_FIELDS.alpha;

/** Temperature and α sliders (live during a run) and the T² switch. */
export function DistillControls({ locked }: { locked: boolean }) {
  const { temperature, alpha, scaleByT2, softTerm, teacherLive } = useStudio((s) => s.config);
  const setConfig = useStudio((s) => s.setConfig);
  const running = useStudio((s) => !isFinished(s.run.status));
  const change = (patch: { temperature?: number; alpha?: number }) => {
    setConfig(patch);
    const c = useStudio.getState().config;
    if (running) studioWorker.setHyper(c.temperature, c.alpha);
  };
  return (
    <fieldset>
      <legend>Distillation</legend>
      <SelectField<SoftTerm>
        label="Soft term"
        value={softTerm}
        disabled={locked}
        options={[
          { value: 'kl', label: 'KL on soft targets (Hinton 2015)' },
          { value: 'mse', label: 'MSE on logits (Ba & Caruana 2014)' },
        ]}
        onChange={(v) => setConfig({ softTerm: v })}
      />
      <SliderField
        label="Temperature"
        value={temperature}
        min={T.kind === 'number' ? T.min : 0.5}
        max={T.kind === 'number' ? T.max : 20}
        step={0.5}
        format={(v) => `T = ${v.toFixed(1)}`}
        onChange={(v) => change({ temperature: v })}
        hint={
          softTerm === 'mse'
            ? 'Not used by MSE logit matching (it compares raw logits); it still shapes sweeps over T.'
            : "Softens the teacher's probabilities so the student sees which wrong classes look alike."
        }
      />
      <SliderField
        label="Alpha"
        value={alpha}
        min={A.kind === 'number' ? A.min : 0}
        max={A.kind === 'number' ? A.max : 1}
        step={0.05}
        format={(v) => `α = ${v.toFixed(2)}`}
        onChange={(v) => change({ alpha: v })}
        hint="Weight of the soft (teacher) term; 1 − α goes to the true labels."
      />
      <label className="check">
        <input type="checkbox" checked={scaleByT2} disabled={locked} onChange={(e) => setConfig({ scaleByT2: e.currentTarget.checked })} />
        Multiply the soft term by T²
      </label>
      <label className="check">
        <input type="checkbox" checked={teacherLive} disabled={locked} onChange={(e) => setConfig({ teacherLive: e.currentTarget.checked })} />
        Run the teacher live (no logit cache)
      </label>
      <HintControls locked={locked} />
    </fieldset>
  );
}
