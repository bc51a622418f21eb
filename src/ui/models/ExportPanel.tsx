import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { downloadStudentZip, previewQuantized } from '../bridge/modelsBridge';
import { saveBlob } from '../bridge/saveBlob';
import { pct } from '../results/format';
import { PrecisionPicker } from './PrecisionPicker';
import { PYTORCH_FILE, exportRefusal, pytorchScriptOf } from './pytorchExport';

/** Downloads of the finished run: the student as a zip (optionally quantised, with its size and accuracy) and a PyTorch script. */
export function ExportPanel() {
  const { t } = useTranslation('models');
  const run = useStudio((s) => s.run);
  const models = useStudio((s) => s.models);
  const setQuantization = useStudio((s) => s.setQuantization);
  const [scriptError, setScriptError] = useState<string | null>(null);
  // A saved run being viewed has no student in the worker (History has its own download): nothing to export here.
  const viewing = useStudio((s) => s.viewing !== null);
  const done = !viewing && run.status === 'done' && run.results !== null;
  const q = models.quantization;
  const figure = models.figures.find((f) => f.runId === run.id && f.quantization === q) ?? null;
  const floatAccuracy = run.results?.distilled.accuracy ?? 0;
  const busy = models.busy;

  // Measure the size (and, when quantised, the test accuracy) of the student at the chosen precision.
  useEffect(() => {
    if (done && !figure && !busy && !models.exportError) previewQuantized(q);
  }, [done, figure, busy, models.exportError, q]);

  const exportScript = () => {
    if (!run.config) return;
    try {
      saveBlob(pytorchScriptOf(run.config, run.marks), PYTORCH_FILE, 'text/x-python');
      setScriptError(null);
    } catch (e) {
      const refusal = exportRefusal(e);
      // The refusal's code is worded by the catalogue; the key is built at run time, hence the defaultValue form.
      setScriptError(refusal ? t(refusal.key, { ...refusal.params, defaultValue: String(refusal.params.detail) }) : e instanceof Error ? e.message : String(e));
    }
  };

  const error = models.exportError ?? scriptError;
  return (
    <section className="results export-panel" aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      {!done ? <p className="hint">{t('export.needsRun')}</p> : null}
      <PrecisionPicker value={q} disabled={!done || busy !== null} onChange={setQuantization} />
      {done ? (
        <p className="export-figures" aria-live="polite">
          {figure ? (
            <>
              <span>{t('export.size', { bytes: figure.weightBytes.toLocaleString('en-US'), kb: (figure.weightBytes / 1024).toFixed(figure.weightBytes < 10 * 1024 ? 2 : 1) })}</span>
              {' · '}
              <span>{t('export.accuracy', { accuracy: pct(figure.accuracy), float: pct(floatAccuracy) })}</span>
            </>
          ) : busy?.what === 'preview' ? (
            t('export.measuring')
          ) : null}
        </p>
      ) : null}
      <div className="export-buttons">
        <button type="button" disabled={!done || busy !== null} onClick={downloadStudentZip}>
          {t('export.downloadZip')}
        </button>
        <button type="button" disabled={!done} onClick={exportScript}>
          {t('export.pytorch')}
        </button>
      </div>
      {busy?.what === 'zip' ? <p aria-live="polite">{t('export.building')}</p> : null}
      <p className="hint">{t('export.zipContents')}</p>
      <p className="hint">{run.config?.pretrainedTeacher ? t('export.pytorchLoadedTeacher') : t('export.pytorchNote')}</p>
      {error ? (
        <p className="field-error" role="alert">
          {t('export.failed', { message: error })}
        </p>
      ) : null}
    </section>
  );
}
