import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { studioWorker } from '../bridge/studioWorker';
import { continueHalted, discardOffer, forgetCheckpoint, haltedConflicts, offerSavedRun, takeOffer } from '../bridge/survival';
import { describeHalt } from './haltText';
import { phaseLabel } from './phaseLabel';

/** Resumes the run offered after a reload with its own settings. */
function resumeOffered(): void {
  const c = takeOffer();
  if (c) studioWorker.continueRun(c);
}

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
  useStudio((s) => s.config); // re-check the conflicts whenever a setting changes
  useEffect(() => {
    void offerSavedRun();
  }, []);

  if (offer) {
    const where = { phase: phaseLabel(offer.phase), epoch: String(offer.epoch), epochs: String(offer.epochs) };
    return (
      <section className="recovery" aria-label={t('region')}>
        <p>{t('savedRun', where)}</p>
        <div className="buttons">
          <button type="button" className="primary" onClick={resumeOffered}>
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
      {conflicts.length > 0 ? <p className="field-error">{t('incompatible', { fields: conflicts.join(', ') })}</p> : null}
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
