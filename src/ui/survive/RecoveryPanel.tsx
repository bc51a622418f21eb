import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { studioWorker } from '../bridge/studioWorker';
import type { TFunction } from 'i18next';
import type { ExperimentConfig } from '../../engine/train/types';
import type { StudioState } from '../../store/types';
import { continueHalted, discardOffer, forgetCheckpoint, haltedConflicts, offerConflicts, offerSavedRun, resumedTeacherName, takeOffer } from '../bridge/survival';
import { describeHalt } from './haltText';
import { phaseLabel } from './phaseLabel';

/** Resumes the run offered after a reload with its own settings. */
function resumeOffered(): void {
  const c = takeOffer();
  if (c) studioWorker.continueRun(c);
}

/** Why the checkpoint cannot continue with these settings: the changed fields, and the loaded teacher in its own words. */
function Conflicts({ conflicts, t }: { conflicts: (keyof ExperimentConfig)[]; t: TFunction<'survive'> }) {
  const fields = conflicts.filter((c) => c !== 'pretrainedTeacher');
  return (
    <>
      {fields.length > 0 ? <p className="field-error">{t('incompatible', { fields: fields.join(', ') })}</p> : null}
      {conflicts.includes('pretrainedTeacher') ? <p className="field-error">{t('teacherAgain', { name: resumedTeacherName() ?? '' })}</p> : null}
    </>
  );
}

/** Whether the panel has conflicts to check: a resume offer while idle, or a halted run. */
const checksConflicts = (s: StudioState): boolean => (s.run.status === 'idle' && s.resumeOffer !== null) || s.run.status === 'halted';

/**
 * Recovery in the main area: after a reload, offers the unfinished run's checkpoint; when a run halts (loss
 * diverged, worker crashed), explains why and continues it from its last good weights with the current settings.
 */
export function RecoveryPanel() {
  const { t } = useTranslation('survive');
  const offer = useStudio((s) => (s.run.status === 'idle' ? s.resumeOffer : null));
  const status = useStudio((s) => s.run.status);
  const halt = useStudio((s) => s.run.halt);
  const checkpoint = useStudio((s) => s.run.checkpoint);
  const discardHalted = useStudio((s) => s.discardHalted);
  const invalid = useStudio((s) => Object.keys(s.fieldErrors).length > 0);
  // Re-check the conflicts whenever a setting or the data in use changes, while there is an offer or a halt to check
  // (not during a run)…
  useStudio((s) => (checksConflicts(s) ? s.config : null));
  useStudio((s) => (checksConflicts(s) ? s.upload : null));
  useStudio((s) => s.models.teacher); // …or the loaded teacher does
  useEffect(() => {
    void offerSavedRun();
  }, []);

  if (offer) {
    const where = { phase: phaseLabel(offer.phase), epoch: String(offer.epoch), epochs: String(offer.epochs) };
    return (
      <section className="recovery" aria-label={t('region')}>
        <p>{t('savedRun', where)}</p>
        <Conflicts conflicts={offerConflicts()} t={t} />
        <div className="buttons">
          <button type="button" className="primary" disabled={offerConflicts().length > 0} onClick={resumeOffered}>
            {t('resumeSaved', where)}
          </button>
          <button type="button" onClick={discardOffer}>
            {t('discard')}
          </button>
        </div>
      </section>
    );
  }
  if (status !== 'halted' || !halt) return null;
  const conflicts = haltedConflicts();
  const crashed = halt.reason === 'crashed';
  return (
    <section className="recovery" aria-label={t('region')}>
      <p role="alert" className="error">
        {describeHalt(halt, t)}
      </p>
      <p>{checkpoint ? t('lastGood', { phase: phaseLabel(checkpoint.phase), epoch: String(checkpoint.epoch), epochs: String(checkpoint.epochs) }) : t('noCheckpoint')}</p>
      {crashed ? null : <p>{t('divergedHelp')}</p>}
      <Conflicts conflicts={conflicts} t={t} />
      <div className="buttons">
        <button type="button" className="primary" disabled={conflicts.length > 0 || invalid} onClick={() => studioWorker.continueRun(continueHalted())}>
          {crashed ? t('restartWorker') : t('resumeWithSettings')}
        </button>
        <button
          type="button"
          onClick={() => {
            forgetCheckpoint();
            discardHalted();
          }}
        >
          {t('discard')}
        </button>
      </div>
    </section>
  );
}
