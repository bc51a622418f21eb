import { useTranslation } from 'react-i18next';
import { RKD_MAX_BATCH } from '../../engine/losses/rkd';
import { METHOD_IDS, needsCnn, type MethodId } from '../../engine/train/compareMethods';
import { comparePlan } from '../../engine/train/comparePlan';
import { useStudio } from '../../store';
import { useSettledConfig } from '../useSettledConfig';
import { compareOf, currentMeta, studentPreset, teacherPreset } from '../../store/configSlice';
import { armName } from '../results/compareText';
import { Hideable } from '../share/Hideable';
import { NumberField } from './NumberField';

/** The method comparison: which methods (AT only for CNN pairs) and how many seeds each, with what it will train. */
export function CompareControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation('compare');
  const config = useSettledConfig();
  const setConfig = useStudio((s) => s.setConfig);
  const shape = currentMeta(config).inputShape;
  const cnnPair = shape.length === 3 && teacherPreset(config).spec.kind === 'cnn' && studentPreset(config).spec.kind === 'cnn';
  const chosen = config.compareMethods;
  const toggle = (m: MethodId, on: boolean) => setConfig({ compareMethods: METHOD_IDS.filter((id) => (id === m ? on : chosen.includes(id))) });
  const planned = compareOf(config, shape).compare;
  const students = planned ? comparePlan(planned, config.validationFraction > 0).length : 0;
  return (
    <Hideable id="compare">
      <label className="check">
        <input type="checkbox" checked={config.compare} disabled={locked} onChange={(e) => setConfig({ compare: e.currentTarget.checked })} />
        {t('controls.toggle')}
      </label>
      {config.compare ? (
        <>
          <fieldset className="method-list">
            <legend>{t('controls.methods')}</legend>
            {METHOD_IDS.map((m) => {
              const on = chosen.includes(m);
              const unavailable = needsCnn(m) && !cnnPair;
              return (
                <label key={m} className="check">
                  {/* The last checked method stays checked: a comparison of nothing is no comparison. */}
                  <input type="checkbox" checked={on && !unavailable} disabled={locked || unavailable || (on && chosen.length === 1)} onChange={(e) => toggle(m, e.currentTarget.checked)} />
                  {armName(m)}
                </label>
              );
            })}
          </fieldset>
          {!cnnPair ? <p className="hint">{t('controls.atNeedsCnn')}</p> : null}
          {chosen.includes('rkd') && config.batchSize > RKD_MAX_BATCH ? (
            <p role="alert" className="error">
              {t('controls.rkdBatch', { max: String(RKD_MAX_BATCH) })}
            </p>
          ) : null}
          <NumberField field="compareSeeds" label={t('controls.seeds')} step="1" disabled={locked} />
          <p className="hint">{t('controls.hint')}</p>
          <p className="hint">{t('controls.cost', { count: students })}</p>
        </>
      ) : null}
    </Hideable>
  );
}
