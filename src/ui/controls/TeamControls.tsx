import { useTranslation } from 'react-i18next';
import { presetsFor } from '../../engine/models/presets';
import { teamProblem } from '../../engine/train/teamProblems';
import { useStudio } from '../../store';
import { SAME_AS_TEACHER } from '../../store/configFields';
import { currentMeta, ensembleMemberListed, familyOf } from '../../store/configSlice';
import { useSettledExperiment } from '../useSettledConfig';
import { presetLabel } from '../i18n/labels';
import { Hideable } from '../share/Hideable';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';
import { teamProblemText } from './teamProblemText';

/** A teacher ensemble (how many teachers) and a teaching assistant (on/off and its preset), with why Start would refuse them. */
export function TeamControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const enabled = useStudio((s) => s.config.assistantEnabled);
  const assistantId = useStudio((s) => s.config.assistantId);
  const dataset = useStudio((s) => s.config.dataset);
  const setConfig = useStudio((s) => s.setConfig);
  const experiment = useSettledExperiment();
  const meta = currentMeta({ dataset });
  const found = teamProblem(experiment, meta.inputShape, meta.numClasses);
  const problem = found ? teamProblemText(found, t) : null;
  const size = useStudio((s) => s.config.ensembleSize);
  const memberIds = useStudio((s) => s.config.ensembleTeacherIds);
  const { teachers, students } = presetsFor(familyOf(dataset));
  const memberOptions = [{ value: SAME_AS_TEACHER, label: t('team.sameAsTeacher') }, ...teachers.map((p) => ({ value: p.id, label: presetLabel(p) }))];
  const memberValue = (k: number) => ensembleMemberListed(dataset, memberIds, k)?.id ?? SAME_AS_TEACHER;
  // Teachers 2…K as chosen; the others keep their choice (or the teacher's architecture).
  const setMember = (k: number, id: string) =>
    setConfig({ ensembleTeacherIds: Array.from({ length: Math.max(size - 1, memberIds.length) }, (_, i) => (i === k - 2 ? id : (memberIds[i] ?? SAME_AS_TEACHER))) });
  const options = [...students, ...teachers].map((p) => ({ value: p.id, label: presetLabel(p) }));
  const value = options.some((o) => o.value === assistantId) ? assistantId : options[0]!.value;
  return (
    <fieldset>
      <legend>{t('team.legend')}</legend>
      <Hideable id="ensemble">
        <NumberField field="ensembleSize" label={t('team.ensembleSize')} step="1" disabled={locked} />
        {Array.from({ length: Math.max(0, size - 1) }, (_, i) => i + 2).map((k) => (
          <SelectField<string> key={k} label={t('team.memberModel', { k: String(k) })} value={memberValue(k)} disabled={locked} options={memberOptions} onChange={(v) => setMember(k, v)} />
        ))}
        <p className="hint">{t('team.ensembleHint')}</p>
      </Hideable>
      <Hideable id="ta">
        <label className="check">
          <input type="checkbox" checked={enabled} disabled={locked} onChange={(e) => setConfig({ assistantEnabled: e.currentTarget.checked, assistantId: value })} />
          {t('team.assistant')}
        </label>
        {enabled ? <SelectField<string> label={t('team.assistantModel')} value={value} disabled={locked} options={options} onChange={(v) => setConfig({ assistantId: v })} /> : null}
        <p className="hint">{t('team.assistantHint')}</p>
      </Hideable>
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}
