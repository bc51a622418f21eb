import { DATASETS } from '../../engine/data/registry';
import { featureSize } from '../../engine/data/types';
import { findPreset, STUDENT_PRESETS, TEACHER_PRESETS } from '../../engine/models/presets';
import { describeArch, paramCount } from '../../engine/models/spec';
import { useStudio } from '../../store';
import { SelectField } from './SelectField';

/** Teacher and student pickers with parameter counts and the compression ratio. */
export function ModelControls({ locked }: { locked: boolean }) {
  const { dataset, teacherId, studentId } = useStudio((s) => s.config);
  const setConfig = useStudio((s) => s.setConfig);
  const entry = DATASETS[dataset];
  const inputSize = featureSize(entry.inputShape);
  const classes = entry.numClasses;
  const teacher = findPreset(TEACHER_PRESETS, teacherId).spec;
  const student = findPreset(STUDENT_PRESETS, studentId).spec;
  const tp = paramCount(teacher, inputSize, classes);
  const sp = paramCount(student, inputSize, classes);
  const fmt = (n: number) => n.toLocaleString('en-US');
  return (
    <fieldset>
      <legend>Models</legend>
      <SelectField
        label="Teacher"
        value={teacherId}
        disabled={locked}
        options={TEACHER_PRESETS.map((p) => ({ value: p.id, label: p.label }))}
        onChange={(v) => setConfig({ teacherId: v })}
      >
        <p className="hint">
          {describeArch(teacher, inputSize, classes)} · {fmt(tp)} parameters
        </p>
      </SelectField>
      <SelectField
        label="Student"
        value={studentId}
        disabled={locked}
        options={STUDENT_PRESETS.map((p) => ({ value: p.id, label: p.label }))}
        onChange={(v) => setConfig({ studentId: v })}
      >
        <p className="hint">
          {describeArch(student, inputSize, classes)} · {fmt(sp)} parameters
        </p>
      </SelectField>
      <p className="ratio" aria-label="Compression ratio">
        Compression: <strong>{(tp / sp).toFixed(1)}×</strong> fewer parameters
      </p>
    </fieldset>
  );
}
