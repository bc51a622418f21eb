import { useTranslation } from 'react-i18next';
import { hintAdapterProblem, planHintAdapter } from '../../engine/train/hintAdapter';
import { useStudio } from '../../store';
import { useSettledConfig } from '../useSettledConfig';
import { hiddenLayerPair } from './hiddenLayerPair';
import { NumberField } from './NumberField';
import { LayerPairFields } from './LayerPairFields';

/** The optional FitNets hint term: which hidden layers to match, and its weight β. */
export function HintControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const config = useSettledConfig();
  const setConfig = useStudio((s) => s.setConfig);
  const { tLayers, sLayers, tIndex, sIndex } = hiddenLayerPair(config, config.hintTeacherLayer, config.hintStudentLayer);
  const tWidth = tLayers[tIndex]?.width;
  const sWidth = sLayers[sIndex]?.width;
  const tShape = tLayers[tIndex]?.shape;
  const sShape = sLayers[sIndex]?.shape;
  const plan = tShape && sShape ? planHintAdapter(sShape, tShape) : null;
  const problem = plan ? hintAdapterProblem(plan) : null;
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={config.hintEnabled}
          disabled={locked || tLayers.length === 0 || sLayers.length === 0}
          onChange={(e) => setConfig({ hintEnabled: e.currentTarget.checked, hintTeacherLayer: tIndex, hintStudentLayer: sIndex })}
        />
        {t('distill.hint')}
      </label>
      {config.hintEnabled ? (
        <>
          <LayerPairFields
            labels={{ teacher: t('distill.hintTeacher'), student: t('distill.hintStudent') }}
            teacher={{ layers: tLayers, index: tIndex, onChange: (i) => setConfig({ hintTeacherLayer: i }) }}
            student={{ layers: sLayers, index: sIndex, onChange: (i) => setConfig({ hintStudentLayer: i }) }}
            disabled={locked}
          />
          <NumberField field="hintBeta" label={t('distill.hintBeta')} disabled={locked} />
          <p className="hint">
            {!plan || plan.kind === 'none'
              ? t('distill.hintSame', { width: String(tWidth) })
              : plan.kind === 'conv1x1'
                ? t('distill.hintConv', { student: String(plan.inChannels), teacher: String(plan.outChannels), params: plan.params.toLocaleString('en-US') })
                : t('distill.hintAdapter', { student: String(sWidth), teacher: String(tWidth) })}
          </p>
          {problem ? (
            <p role="alert" className="error">
              {t('distill.hintTooLarge', { params: problem.params.toLocaleString('en-US'), max: problem.max.toLocaleString('en-US') })}
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
