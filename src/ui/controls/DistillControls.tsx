import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { useConfigFields } from '../useSettledConfig';
import type { SoftTerm } from '../../engine/losses';
import { Hideable } from '../share/Hideable';
import { AttentionControls } from './AttentionControls';
import { DkdControls, StandardizeControl } from './DkdControls';
import { HintControls } from './HintControls';
import { MethodProblemNote } from './MethodProblemNote';
import { RkdControls } from './RkdControls';
import { SelectField } from './SelectField';

/** The soft term (with DKD's weights and logit standardisation), the T² switch, the live teacher and the added terms: hint, AT, RKD (T and α are in `LiveControls`). */
export function DistillControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const { scaleByT2, softTerm, teacherLive } = useConfigFields('scaleByT2', 'softTerm', 'teacherLive');
  const setConfig = useStudio((s) => s.setConfig);
  return (
    <fieldset>
      <legend>{t('distill.legend')}</legend>
      <Hideable id="soft">
        <SelectField<SoftTerm>
          label={t('distill.softTerm')}
          value={softTerm}
          disabled={locked}
          options={[
            { value: 'kl', label: t('distill.softKl') },
            { value: 'mse', label: t('distill.softMse') },
            { value: 'dkd', label: t('methods.softDkd') },
          ]}
          onChange={(v) => setConfig({ softTerm: v })}
        />
        <DkdControls locked={locked} />
      </Hideable>
      <Hideable id="ls">
        <StandardizeControl locked={locked} />
      </Hideable>
      <Hideable id="t2">
        <label className="check">
          <input type="checkbox" checked={scaleByT2} disabled={locked} onChange={(e) => setConfig({ scaleByT2: e.currentTarget.checked })} />
          {t('distill.scaleByT2')}
        </label>
      </Hideable>
      <Hideable id="live">
        <label className="check">
          <input type="checkbox" checked={teacherLive} disabled={locked} onChange={(e) => setConfig({ teacherLive: e.currentTarget.checked })} />
          {t('distill.teacherLive')}
        </label>
      </Hideable>
      <Hideable id="hint">
        <HintControls locked={locked} />
      </Hideable>
      <Hideable id="at">
        <AttentionControls locked={locked} />
      </Hideable>
      <Hideable id="rkd">
        <RkdControls locked={locked} />
      </Hideable>
      <MethodProblemNote />
    </fieldset>
  );
}
