import { hiddenLayerOptions } from '../../engine/models/spec';
import { useStudio } from '../../store';
import { currentMeta, studentPreset, teacherPreset } from '../../store/configSlice';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

/** The optional FitNets hint term: which hidden layers to match, and its weight β. */
export function HintControls({ locked }: { locked: boolean }) {
  const config = useStudio((s) => s.config);
  const setConfig = useStudio((s) => s.setConfig);
  const shape = currentMeta(config).inputShape;
  const tLayers = hiddenLayerOptions(teacherPreset(config).spec, shape);
  const sLayers = hiddenLayerOptions(studentPreset(config).spec, shape);
  const tIndex = Math.min(config.hintTeacherLayer, Math.max(0, tLayers.length - 1));
  const sIndex = Math.min(config.hintStudentLayer, Math.max(0, sLayers.length - 1));
  const tWidth = tLayers[tIndex]?.width;
  const sWidth = sLayers[sIndex]?.width;
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={config.hintEnabled}
          disabled={locked || tLayers.length === 0 || sLayers.length === 0}
          onChange={(e) => setConfig({ hintEnabled: e.currentTarget.checked, hintTeacherLayer: tIndex, hintStudentLayer: sIndex })}
        />
        Add a hint term (FitNets: match hidden features)
      </label>
      {config.hintEnabled ? (
        <>
          <SelectField
            label="Teacher hint layer"
            value={String(tIndex)}
            disabled={locked}
            options={tLayers.map((l) => ({ value: String(l.index), label: l.label }))}
            onChange={(v) => setConfig({ hintTeacherLayer: Number(v) })}
          />
          <SelectField
            label="Student hint layer"
            value={String(sIndex)}
            disabled={locked}
            options={sLayers.map((l) => ({ value: String(l.index), label: l.label }))}
            onChange={(v) => setConfig({ hintStudentLayer: Number(v) })}
          />
          <NumberField field="hintBeta" label="Hint weight β" disabled={locked} />
          <p className="hint">
            {tWidth === sWidth
              ? `Both layers have ${tWidth} features: matched directly.`
              : `A learned linear adapter maps the student's ${sWidth} features to the teacher's ${tWidth}; the teacher runs live on each batch.`}
          </p>
        </>
      ) : null}
    </>
  );
}
