import { SelectField } from './SelectField';

/** A layer the pickers offer: its index in the model and its label. */
interface LayerChoice {
  index: number;
  label: string;
}

/** Two menus choosing a teacher layer and a student layer to match (hints, RKD, attention transfer). */
export function LayerPairFields(props: {
  labels: { teacher: string; student: string };
  teacher: { layers: readonly LayerChoice[]; index: number; onChange: (index: number) => void };
  student: { layers: readonly LayerChoice[]; index: number; onChange: (index: number) => void };
  disabled: boolean;
}) {
  const { labels, teacher, student, disabled } = props;
  const options = (layers: readonly LayerChoice[]) => layers.map((l) => ({ value: String(l.index), label: l.label }));
  return (
    <>
      <SelectField label={labels.teacher} value={String(teacher.index)} disabled={disabled} options={options(teacher.layers)} onChange={(v) => teacher.onChange(Number(v))} />
      <SelectField label={labels.student} value={String(student.index)} disabled={disabled} options={options(student.layers)} onChange={(v) => student.onChange(Number(v))} />
    </>
  );
}
