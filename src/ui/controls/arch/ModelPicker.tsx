import { presetsFor } from '../../../engine/models/presets';
import { useStudio } from '../../../store';
import { CUSTOM_ARCH_ID, currentMeta, familyOf, menuPreset } from '../../../store/configSlice';
import { LayerEditor } from '../LayerEditor';
import { SelectField } from '../SelectField';
import { statsOf, statsText } from './analysis';
import type { ModelRole } from './rows';

/** The Teacher or Student menu (presets and "Custom…"), with the preset's figures or, for custom layers, the layer editor. */
export function ModelPicker({ role, locked }: { role: ModelRole; locked: boolean }) {
  const config = useStudio((s) => s.config);
  const setConfig = useStudio((s) => s.setConfig);
  const meta = currentMeta(config);
  const { teachers, students } = presetsFor(familyOf(config.dataset));
  const presets = role === 'teacher' ? teachers : students;
  const preset = menuPreset(config, role);
  const custom = role === 'teacher' ? config.teacherCustom : config.studentCustom;
  const who = role === 'teacher' ? 'Teacher' : 'Student';
  const edit = () => setConfig(role === 'teacher' ? { teacherCustom: structuredClone(preset.spec) } : { studentCustom: structuredClone(preset.spec) });
  const choose = (id: string) => {
    if (id === CUSTOM_ARCH_ID) edit();
    else setConfig(role === 'teacher' ? { teacherId: id, teacherCustom: null } : { studentId: id, studentCustom: null });
  };
  const stats = custom ? null : statsOf(preset.spec, meta.inputShape, meta.numClasses);
  return (
    <SelectField
      label={who}
      value={custom ? CUSTOM_ARCH_ID : preset.id}
      disabled={locked}
      options={[...presets.map((p) => ({ value: p.id, label: p.label })), { value: CUSTOM_ARCH_ID, label: 'Custom…' }]}
      onChange={choose}
    >
      {custom ? (
        <LayerEditor role={role} spec={custom} preset={preset} inputShape={meta.inputShape} numClasses={meta.numClasses} locked={locked} />
      ) : (
        <>
          {stats ? <p className="hint">{statsText(stats)}</p> : null}
          {preset.note ? <p className="hint">{preset.note}</p> : null}
          <button type="button" className="small edit-layers" disabled={locked} aria-label={`Edit layers of the ${role}`} onClick={edit}>
            Edit layers
          </button>
        </>
      )}
    </SelectField>
  );
}
