import { DATASETS } from '../../engine/data/registry';
import { presetsFor } from '../../engine/models/presets';
import { describeArch, flopsPerExample, paramCount, sizeKB, validateArch, type ArchSpec } from '../../engine/models/spec';
import { useStudio } from '../../store';
import { familyOf, studentPreset, teacherPreset } from '../../store/configSlice';
import { SelectField } from './SelectField';

/** Compact count, e.g. 4,547 or 1.2 M. */
function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  return n.toLocaleString('en-US');
}

/** Size, parameter and FLOP figures of one architecture on the current dataset (null when it cannot be built). */
function statsOf(spec: ArchSpec, inputShape: number[], classes: number) {
  if (validateArch(spec, inputShape, classes)) return null;
  return {
    text: describeArch(spec, inputShape, classes),
    params: paramCount(spec, inputShape, classes),
    kb: sizeKB(spec, inputShape, classes),
    flops: flopsPerExample(spec, inputShape, classes),
  };
}

/** Teacher and student pickers with parameter counts, size, FLOPs and the student ÷ teacher ratios. */
export function ModelControls({ locked }: { locked: boolean }) {
  const config = useStudio((s) => s.config);
  const setConfig = useStudio((s) => s.setConfig);
  const entry = DATASETS[config.dataset];
  const { teachers, students } = presetsFor(familyOf(config.dataset));
  const teacher = teacherPreset(config);
  const student = studentPreset(config);
  const t = statsOf(teacher.spec, entry.inputShape, entry.numClasses);
  const s = statsOf(student.spec, entry.inputShape, entry.numClasses);
  const problem = validateArch(teacher.spec, entry.inputShape, entry.numClasses) ?? validateArch(student.spec, entry.inputShape, entry.numClasses);
  return (
    <fieldset>
      <legend>Models</legend>
      <SelectField
        label="Teacher"
        value={teacher.id}
        disabled={locked}
        options={teachers.map((p) => ({ value: p.id, label: p.label }))}
        onChange={(v) => setConfig({ teacherId: v })}
      >
        {t ? (
          <p className="hint">
            {t.text} · {compact(t.params)} parameters · {t.kb.toFixed(1)} KB · {compact(t.flops)} FLOPs/example
          </p>
        ) : null}
        {teacher.note ? <p className="hint">{teacher.note}</p> : null}
      </SelectField>
      <SelectField
        label="Student"
        value={student.id}
        disabled={locked}
        options={students.map((p) => ({ value: p.id, label: p.label }))}
        onChange={(v) => setConfig({ studentId: v })}
      >
        {s ? (
          <p className="hint">
            {s.text} · {compact(s.params)} parameters · {s.kb.toFixed(1)} KB · {compact(s.flops)} FLOPs/example
          </p>
        ) : null}
        {student.note ? <p className="hint">{student.note}</p> : null}
      </SelectField>
      {t && s ? (
        <p className="ratio" aria-label="Compression ratio">
          Compression: <strong>{(t.params / s.params).toFixed(1)}×</strong> fewer parameters · student ÷ teacher: {((100 * s.params) / t.params).toFixed(1)} % of
          the parameters and size, {((100 * s.flops) / t.flops).toFixed(1)} % of the FLOPs
        </p>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}
