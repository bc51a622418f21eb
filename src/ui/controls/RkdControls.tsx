import { useTranslation } from 'react-i18next';
import type { RkdSource } from '../../engine/losses/rkd';
import { useStudio } from '../../store';
import { useSettledConfig } from '../useSettledConfig';
import { hiddenLayerPair } from './hiddenLayerPair';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';
import { LayerPairFields } from './LayerPairFields';

/** Relational KD (Park et al. 2019): distance and angle weights, on the logits or on a hidden block of each model. */
export function RkdControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const config = useSettledConfig();
  const setConfig = useStudio((s) => s.setConfig);
  const { tLayers, sLayers, tIndex, sIndex } = hiddenLayerPair(config, config.rkdTeacherLayer, config.rkdStudentLayer);
  const hasHidden = tLayers.length > 0 && sLayers.length > 0;
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={config.rkdEnabled}
          disabled={locked}
          onChange={(e) => setConfig({ rkdEnabled: e.currentTarget.checked, rkdTeacherLayer: tIndex, rkdStudentLayer: sIndex })}
        />
        {t('methods.rkd')}
      </label>
      {config.rkdEnabled ? (
        <>
          <SelectField<RkdSource>
            label={t('methods.rkdSource')}
            value={config.rkdSource}
            disabled={locked}
            options={[
              { value: 'logits', label: t('methods.rkdLogits') },
              ...(hasHidden ? [{ value: 'hidden' as const, label: t('methods.rkdHidden') }] : []),
            ]}
            onChange={(v) => setConfig({ rkdSource: v })}
          />
          {config.rkdSource === 'hidden' ? (
            <LayerPairFields
              labels={{ teacher: t('methods.rkdTeacher'), student: t('methods.rkdStudent') }}
              teacher={{ layers: tLayers, index: tIndex, onChange: (i) => setConfig({ rkdTeacherLayer: i }) }}
              student={{ layers: sLayers, index: sIndex, onChange: (i) => setConfig({ rkdStudentLayer: i }) }}
              disabled={locked}
            />
          ) : null}
          <NumberField field="rkdDistance" label={t('methods.rkdDistance')} disabled={locked} />
          <NumberField field="rkdAngle" label={t('methods.rkdAngle')} disabled={locked} />
          <p className="hint">{t('methods.rkdHint')}</p>
        </>
      ) : null}
    </>
  );
}
