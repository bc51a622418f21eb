import { useTranslation } from 'react-i18next';
import { CONFIG_FIELDS } from '../../store/configFields';
import { useStudio } from '../../store';
import { isFinished } from '../../store/runState';
import { studioWorker } from '../bridge/studioWorker';
import type { SoftTerm } from '../../engine/losses';
import { Hideable } from '../share/Hideable';
import { HintControls } from './HintControls';
import { SelectField } from './SelectField';
import { SliderField } from './SliderField';

const T = CONFIG_FIELDS.temperature;
const A = CONFIG_FIELDS.alpha;

/** Temperature and α sliders (live during a run) and the T² switch. */
export function DistillControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
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
      <legend>{t('distill.legend')}</legend>
      <Hideable id="soft">
        <SelectField<SoftTerm>
          label={t('distill.softTerm')}
          value={softTerm}
          disabled={locked}
          options={[
            { value: 'kl', label: t('distill.softKl') },
            { value: 'mse', label: t('distill.softMse') },
          ]}
          onChange={(v) => setConfig({ softTerm: v })}
        />
      </Hideable>
      <Hideable id="T">
        <SliderField
          label={t('distill.temperature')}
          value={temperature}
          min={T.kind === 'number' ? T.min : 0.5}
          max={T.kind === 'number' ? T.max : 20}
          step={0.5}
          format={(v) => t('distill.temperatureValue', { value: v.toFixed(1) })}
          onChange={(v) => change({ temperature: v })}
          hint={softTerm === 'mse' ? t('distill.temperatureHintMse') : t('distill.temperatureHintKl')}
        />
      </Hideable>
      <Hideable id="alpha">
        <SliderField
          label={t('distill.alpha')}
          value={alpha}
          min={A.kind === 'number' ? A.min : 0}
          max={A.kind === 'number' ? A.max : 1}
          step={0.05}
          format={(v) => t('distill.alphaValue', { value: v.toFixed(2) })}
          onChange={(v) => change({ alpha: v })}
          hint={t('distill.alphaHint')}
        />
      </Hideable>
      <Hideable id="t2">
        <label className="check">
          <input type="checkbox" checked={scaleByT2} disabled={locked} onChange={(e) => setConfig({ scaleByT2: e.currentTarget.checked })} />
          {t('distill.scaleByT2')}
        </label>
      </Hideable>
      <Hideable id="live">
        <label className="check">
          <input type="checkbox" checked={teacherLive} disabled={locked} onChange={(e) => setConfig({ teacherLive: e.currentTarget.checked })} />
          {t('distill.teacherLive')}
        </label>
      </Hideable>
      <Hideable id="hint">
        <HintControls locked={locked} />
      </Hideable>
    </fieldset>
  );
}
