import { useTranslation } from 'react-i18next';
import { archProblem } from '../../engine/models/spec';
import { useStudio } from '../../store';
import { useSettledConfig } from '../useSettledConfig';
import { currentMeta, studentPreset, teacherPreset } from '../../store/configSlice';
import { statsOf } from './arch/archStatsText';
import { describeArchProblem } from './arch/archProblemText';
import { ModelPicker } from './arch/ModelPicker';
import { Hideable } from '../share/Hideable';

/** Teacher and student pickers (presets or edited layers) with parameter counts, size, FLOPs and the student ÷ teacher ratios. */
export function ModelControls({ locked }: { locked: boolean }) {
  const { t: tr } = useTranslation();
  const config = useSettledConfig();
  const customInvalid = useStudio((s) => s.fieldErrors.teacherCustom !== undefined || s.fieldErrors.studentCustom !== undefined);
  const entry = currentMeta(config);
  const teacher = teacherPreset(config).spec;
  const student = studentPreset(config).spec;
  const t = statsOf(teacher, entry.inputShape, entry.numClasses);
  const s = statsOf(student, entry.inputShape, entry.numClasses);
  // Edited layers report their own problems inside the editor; this covers presets that do not fit the dataset.
  const problem =
    (config.teacherCustom ? null : archProblem(teacher, entry.inputShape, entry.numClasses)) ??
    (config.studentCustom ? null : archProblem(student, entry.inputShape, entry.numClasses));
  return (
    <fieldset>
      <legend>{tr('models.legend')}</legend>
      <Hideable id="teacher">
        <ModelPicker role="teacher" locked={locked} />
      </Hideable>
      <Hideable id="student">
        <ModelPicker role="student" locked={locked} />
      </Hideable>
      {t && s && !customInvalid ? (
        <p className="ratio" aria-label={tr('models.ratioLabel')}>
          {tr('models.compression')} <strong>{tr('models.compressionRatio', { ratio: (t.params / s.params).toFixed(1) })}</strong>{' '}
          {tr('models.compressionRest', { params: ((100 * s.params) / t.params).toFixed(1), flops: ((100 * s.flops) / t.flops).toFixed(1) })}
        </p>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert">
          {describeArchProblem(problem, tr)}
        </p>
      ) : null}
    </fieldset>
  );
}
