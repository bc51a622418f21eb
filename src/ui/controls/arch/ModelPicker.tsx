import { useTranslation } from 'react-i18next';
import { presetsFor } from '../../../engine/models/presets';
import { useStudio } from '../../../store';
import { useSettledConfig } from '../../useSettledConfig';
import { CUSTOM_ARCH_ID, currentMeta, familyOf, menuPreset } from '../../../store/configSlice';
import { LayerEditor } from '../LayerEditor';
import { SelectField } from '../SelectField';
import { statsOf, statsText } from './archStatsText';
import type { ModelRole } from './rows';
import { presetLabel, presetNote } from '../../i18n/labels';

/** The Teacher or Student menu (presets and "Custom…"), with the preset's figures or, for custom layers, the layer editor. */
export function ModelPicker({ role, locked }: { role: ModelRole; locked: boolean }) {
  const { t } = useTranslation();
  const config = useSettledConfig();
  const setConfig = useStudio((s) => s.setConfig);
  const meta = currentMeta(config);
  const { teachers, students } = presetsFor(familyOf(config.dataset));
  const presets = role === 'teacher' ? teachers : students;
  const preset = menuPreset(config, role);
  const custom = role === 'teacher' ? config.teacherCustom : config.studentCustom;
  const who = role === 'teacher' ? t('models.teacher') : t('models.student');
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
      options={[...presets.map((p) => ({ value: p.id, label: presetLabel(p) })), { value: CUSTOM_ARCH_ID, label: t('models.custom') }]}
      onChange={choose}
    >
      {custom ? (
        <LayerEditor role={role} spec={custom} preset={preset} inputShape={meta.inputShape} numClasses={meta.numClasses} locked={locked} />
      ) : (
        <>
          {stats ? <p className="hint">{statsText(stats)}</p> : null}
          {preset.note ? <p className="hint">{presetNote(preset)}</p> : null}
          <button type="button" className="small edit-layers" disabled={locked} aria-label={role === 'teacher' ? t('models.editTeacherLayers') : t('models.editStudentLayers')} onClick={edit}>
            {t('models.editLayers')}
          </button>
        </>
      )}
    </SelectField>
  );
}
