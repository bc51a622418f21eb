import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { downloadOnnx, downloadPreparedDataset, downloadStudentZip, previewQuantized } from '../bridge/modelsBridge';
import { saveBlob } from '../bridge/saveBlob';
import { pct } from '../results/format';
import { OnnxSnippet } from './OnnxSnippet';
import { PrecisionPicker } from './PrecisionPicker';
import { PYTORCH_FILE, exportRefusal, needsPreparedData, pytorchScriptOf } from './pytorchExport';

/** A byte count in KB, two decimals under 10 KB. */
const kbText = (bytes: number) => (bytes / 1024).toFixed(bytes < 10 * 1024 ? 2 : 1);

/** Downloads of the finished run: the student as a zip (optionally quantised, with its size and accuracy) and a PyTorch script. */
export function ExportPanel() {
  const { t } = useTranslation('models');
  // Only what the panel shows: a metrics batch re-renders nothing here.
  const runId = useStudio((s) => s.run.id);
  const config = useStudio((s) => s.run.config);
  const results = useStudio((s) => s.run.results);
  const finished = useStudio((s) => s.run.status === 'done');
  const models = useStudio((s) => s.models);
  const setQuantization = useStudio((s) => s.setQuantization);
  const [scriptError, setScriptError] = useState<string | null>(null);
  // A saved run being viewed has no student in the worker (History has its own download): nothing to export here.
  const viewing = useStudio((s) => s.viewing !== null);
  const done = !viewing && finished && results !== null;
  const q = models.quantization;
  const figure = models.figures.find((f) => f.runId === runId && f.quantization === q) ?? null;
  const floatAccuracy = results?.distilled.accuracy ?? 0;
  const busy = models.busy;
  const loadedTeacher = Boolean(config?.pretrainedTeacher);

  // Measure the size (and, when quantised, the test accuracy) of the student at the chosen precision.
  useEffect(() => {
    if (done && !figure && !busy && !models.exportError) previewQuantized(q);
  }, [done, figure, busy, models.exportError, q]);

  const exportScript = () => {
    const { marks } = useStudio.getState().run;
    if (!config) return;
    try {
      saveBlob(pytorchScriptOf(config, marks), PYTORCH_FILE, 'text/x-python');
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
              <span>{t('export.size', { bytes: figure.weightBytes.toLocaleString('en-US'), kb: kbText(figure.weightBytes) })}</span>
              {' · '}
              <span>{t('export.accuracy', { accuracy: pct(figure.accuracy), float: pct(floatAccuracy) })}</span>
            </>
          ) : busy?.what === 'preview' ? (
            t('export.measuring')
          ) : null}
        </p>
      ) : null}
      {done && figure ? (
        <p className="export-figures onnx-size">
          {t('export.onnxSize', { bytes: figure.onnxBytes.toLocaleString('en-US'), kb: kbText(figure.onnxBytes), precision: q === 'float16' ? 'float16' : 'float32' })}
        </p>
      ) : null}
      <div className="export-buttons">
        <button type="button" disabled={!done || busy !== null} onClick={downloadStudentZip}>
          {t('export.downloadZip')}
        </button>
        <button type="button" disabled={!done || busy !== null} onClick={() => downloadOnnx('student')}>
          {t('export.downloadOnnx')}
        </button>
        <button type="button" disabled={!done || busy !== null || loadedTeacher} onClick={() => downloadOnnx('teacher')}>
          {t('export.downloadTeacherOnnx')}
        </button>
        <button type="button" disabled={!done} onClick={exportScript}>
          {t('export.pytorch')}
        </button>
        <button type="button" disabled={!done || busy !== null} onClick={downloadPreparedDataset}>
          {t('export.preparedDataset')}
        </button>
      </div>
      {busy?.what === 'zip' ? <p aria-live="polite">{t('export.building')}</p> : null}
      {busy?.what === 'onnx' ? <p aria-live="polite">{t('export.buildingOnnx')}</p> : null}
      {busy?.what === 'dataset' ? <p aria-live="polite">{t('export.buildingDataset')}</p> : null}
      <p className="hint">{t('export.zipContents')}</p>
      <p className="hint">{t('export.onnxNote')}</p>
      {done && loadedTeacher ? <p className="hint">{t('export.onnxTeacherLoaded')}</p> : null}
      <OnnxSnippet />
      <p className="hint">{config?.pretrainedTeacher ? t('export.pytorchLoadedTeacher') : t('export.pytorchNote')}</p>
      {done && config && needsPreparedData(config) ? <p className="hint">{t('export.pytorchImages')}</p> : null}
      <p className="hint">{t('export.preparedDatasetNote')}</p>
      {error ? (
        <p className="field-error" role="alert">
          {t('export.failed', { message: error })}
        </p>
      ) : null}
    </section>
  );
}
