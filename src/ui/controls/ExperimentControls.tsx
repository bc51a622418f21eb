import { useTranslation } from 'react-i18next';
import type { AugmentMode } from '../../engine/train/types';
import type { SweepMode } from '../../store/configFields';
import { useStudio } from '../../store';
import { currentMeta } from '../../store/configSlice';
import { selectPretrainedTeacher } from '../../store/modelsSlice';
import { Hideable } from '../share/Hideable';
import { CompareControls } from './CompareControls';
import { ListField } from './ListField';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

/** Honest-comparison settings: repeat the students with several seeds, and sweep T and/or α. */
export function ExperimentControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const sweep = useStudio((s) => s.config.sweep);
  const augment = useStudio((s) => s.config.augment);
  const repeats = useStudio((s) => s.config.repeats);
  const teacherPerSeed = useStudio((s) => s.config.teacherPerSeed);
  const loadedTeacher = useStudio((s) => selectPretrainedTeacher(s) !== null);
  const flip = useStudio((s) => s.config.flip);
  const shape = useStudio((s) => currentMeta(s.config).inputShape);
  const isImage = shape.length === 3;
  // Horizontal flips suit photos, not digits or letters: offered for colour images only.
  const isColour = isImage && shape[2] === 3;
  const setConfig = useStudio((s) => s.setConfig);
  const sweepOptions: { value: SweepMode; label: string }[] = [
    { value: 'off', label: t('experiment.sweepOff') },
    { value: 'temperature', label: t('experiment.sweepTemperature') },
    { value: 'alpha', label: t('experiment.sweepAlpha') },
    { value: 'both', label: t('experiment.sweepBoth') },
  ];
  return (
    <fieldset>
      <legend>{t('experiment.legend')}</legend>
      <Hideable id="seeds">
        <NumberField field="repeats" label={t('experiment.seeds')} step="1" disabled={locked} />
        <p className="hint">{t('experiment.seedsHint')}</p>
      </Hideable>
      {repeats > 1 && !loadedTeacher ? (
        <Hideable id="seedTeacher">
          <label className="check">
            <input type="checkbox" checked={teacherPerSeed} disabled={locked} onChange={(e) => setConfig({ teacherPerSeed: e.currentTarget.checked })} />
            {t('experiment.teacherPerSeed')}
          </label>
          <p className="hint">{t('experiment.teacherPerSeedCost', { count: repeats - 1 })}</p>
        </Hideable>
      ) : null}
      <Hideable id="sweep">
        <SelectField<SweepMode> label={t('experiment.sweep')} value={sweep} disabled={locked} options={sweepOptions} onChange={(v) => setConfig({ sweep: v })} />
        {sweep === 'temperature' || sweep === 'both' ? <ListField field="sweepTemperatures" label={t('experiment.temperatures')} disabled={locked} /> : null}
        {sweep === 'alpha' || sweep === 'both' ? <ListField field="sweepAlphas" label={t('experiment.alphas')} disabled={locked} /> : null}
        {sweep !== 'off' ? <p className="hint">{t('experiment.sweepHint')}</p> : null}
      </Hideable>
      <CompareControls locked={locked} />
      <Hideable id="transfer">
        <NumberField field="transferSize" label={t('experiment.transferSize')} step="100" disabled={locked} />
        <p className="hint">{t('experiment.transferHint')}</p>
      </Hideable>
      <Hideable id="exclude">
        <ListField field="excludeClasses" label={t('experiment.exclude')} disabled={locked} />
      </Hideable>
      {isImage ? (
        <Hideable id="augment">
          <SelectField<AugmentMode>
            label={t('experiment.augment')}
            value={augment}
            disabled={locked}
            options={[
              { value: 'off', label: t('experiment.augmentOff') },
              { value: 'teacher', label: t('experiment.augmentTeacher') },
              { value: 'all', label: t('experiment.augmentAll') },
            ]}
            onChange={(v) => setConfig({ augment: v })}
          />
          <p className="hint">{t('experiment.augmentHint')}</p>
        </Hideable>
      ) : null}
      {isColour ? (
        <Hideable id="flip">
          <label className="check">
            <input type="checkbox" checked={flip} disabled={locked} onChange={(e) => setConfig({ flip: e.currentTarget.checked })} />
            {t('experiment.flip')}
          </label>
          <p className="hint">{t('experiment.flipHint')}</p>
        </Hideable>
      ) : null}
    </fieldset>
  );
}
