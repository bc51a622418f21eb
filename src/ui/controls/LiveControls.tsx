import { useTranslation } from 'react-i18next';
import { CONFIG_FIELDS } from '../../store/configFields';
import { useStudio } from '../../store';
import { useConfigFields } from '../useSettledConfig';
import { isFinished } from '../../store/runState';
import { studioWorker } from '../bridge/studioWorker';
import { Hideable } from '../share/Hideable';
import { SliderField } from './SliderField';

const T = CONFIG_FIELDS.temperature;
const A = CONFIG_FIELDS.alpha;

/** The lesson's live controls: the temperature and α sliders (they act on a running run at its next step). */
export function LiveControls() {
  const { t } = useTranslation();
  const { temperature, alpha, softTerm } = useConfigFields('temperature', 'alpha', 'softTerm');
  const setConfig = useStudio((s) => s.setConfig);
  const running = useStudio((s) => !isFinished(s.run.status));
  const change = (patch: { temperature?: number; alpha?: number }) => {
    setConfig(patch);
    const c = useStudio.getState().config;
    if (running) studioWorker.setHyper(c.temperature, c.alpha);
  };
  return (
    <fieldset className="live-controls">
      <legend>{t('distill.legend')}</legend>
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
    </fieldset>
  );
}
