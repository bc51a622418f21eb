import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import type { SoftTerm } from '../../engine/losses';
import { Hideable } from '../share/Hideable';
import { HintControls } from './HintControls';
import { SelectField } from './SelectField';

/** The soft term, the T² switch, the live teacher and the hint term (T and α are in `LiveControls`). */
export function DistillControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const { scaleByT2, softTerm, teacherLive } = useStudio((s) => s.config);
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
          ]}
          onChange={(v) => setConfig({ softTerm: v })}
        />
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
    </fieldset>
  );
}
