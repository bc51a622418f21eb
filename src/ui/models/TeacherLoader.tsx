import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { useSettledConfig } from '../useSettledConfig';
import { currentMeta } from '../../store/configSlice';
import { selectUserData } from '../../store/uploadSlice';
import { loadTeacherFiles, removeTeacher } from '../bridge/modelsBridge';
import { pct } from '../results/format';
import { FileDrop } from '../data/FileDrop';
import { describeImportError } from './importErrorText';
import { OnnxPreprocessingFields } from './OnnxPreprocessingFields';

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** "Teacher: load a pretrained model…": a drop zone + file picker for model.json and weights, the loaded teacher, and Remove. */
export function TeacherLoader({ locked }: { locked: boolean }) {
  const { t } = useTranslation('models');
  const teacher = useStudio((s) => s.models.teacher);
  const config = useSettledConfig();
  const userData = useStudio(selectUserData);
  const meta = currentMeta(config, userData);
  const shownAccuracy = useStudio((s) => {
    const ref = s.run.config?.pretrainedTeacher;
    if (!ref || ref.id !== s.models.teacher.info?.ref.id) return null;
    const row = s.run.epochRows.find((r) => r.teacher !== undefined);
    return row?.teacher ?? null;
  });
  const setConfig = useStudio((s) => s.setConfig);
  const disabled = locked || teacher.status === 'loading';
  const onnx = teacher.status === 'ready' && teacher.info?.format === 'onnx' ? teacher.info : null;
  // An ONNX teacher's logits are computed once: settings that need it live are switched off, and the loader says so.
  const [switchedOff, setSwitchedOff] = useState<string[]>([]);
  const needsLive = [config.augment === 'all' ? 'augment' : null, config.teacherLive ? 'live' : null].filter((x): x is string => x !== null);
  useEffect(() => {
    if (!onnx || locked || needsLive.length === 0) return;
    setSwitchedOff(needsLive);
    setConfig({ ...(config.augment === 'all' ? { augment: 'off' as const } : {}), teacherLive: false });
  }, [onnx, locked, needsLive.join(','), config.augment, setConfig]);
  const pick = (files: File[]) => {
    if (!disabled && files.length > 0) void loadTeacherFiles(files);
  };

  const info = teacher.status === 'ready' ? teacher.info : null;
  const mismatch = info !== null && (!sameShape(info.inputShape, meta.inputShape) || info.numClasses !== meta.numClasses);
  return (
    <fieldset className="teacher-loader">
      <legend>{t('teacher.title')}</legend>
      <FileDrop
        disabled={disabled}
        label={t('teacher.files')}
        hint={t('teacher.hint')}
        accept=".json,.bin,.onnx,application/json,application/octet-stream"
        onFiles={pick}
      />
      {teacher.status === 'loading' ? <p aria-live="polite">{t('teacher.checking', { names: teacher.fileNames.join(', ') })}</p> : null}
      {teacher.status === 'failed' && teacher.error ? (
        <p className="field-error" role="alert">
          {t('teacher.rejected', { message: describeImportError(teacher.error.value, t) })}
        </p>
      ) : null}
      {teacher.status === 'gone' ? (
        <p className="field-error" role="alert">
          {t('teacher.gone')}
        </p>
      ) : null}
      {info ? (
        <div className="teacher-in-use">
          <p>
            {t(info.format === 'onnx' ? 'teacher.inUseOnnx' : 'teacher.inUse', {
              name: info.ref.name,
              params: info.params.toLocaleString('en-US'),
              layers: info.format === 'onnx' ? info.layerTypes.slice(0, 12).join(', ') + (info.layerTypes.length > 12 ? ', …' : '') : info.layerTypes.join(' → '),
            })}
          </p>
          {info.format === 'onnx' && info.onnx ? (
            <p className="hint">
              {t('teacher.onnxDetails', {
                opset: String(info.onnx.opset),
                producer: info.onnx.producer || '—',
                layout: info.onnx.layout === 'nchw' ? 'NCHW' : info.onnx.layout === 'flat' ? 'flat' : 'NHWC',
                threads: String(info.onnx.threads),
              })}
            </p>
          ) : null}
          {info.format === 'onnx' && meta.inputShape.length === 3 ? (
            <OnnxPreprocessingFields key={info.ref.id} channels={meta.inputShape[2]!} locked={locked} />
          ) : null}
          <p className="hint">{info.format === 'onnx' ? t('teacher.onnxSkips') : t('teacher.skips')}</p>
          {info.format === 'onnx' && switchedOff.length > 0 ? (
            <p className="notice" role="status">
              {t('teacher.onnxNoLive')}
            </p>
          ) : null}
          {info.softmaxRemoved ? <p className="hint">{t('teacher.softmax')}</p> : null}
          {info.quantization.length > 0 ? <p className="hint">{t('teacher.quantized', { schemes: info.quantization.join(', ') })}</p> : null}
          {info.warnings.map((w) => (
            <p className="hint" key={w}>
              {w}
            </p>
          ))}
          {mismatch ? (
            <p className="field-error" role="alert">
              {t('teacher.mismatch', { shape: `[${info.inputShape.join(', ')}]`, classes: String(info.numClasses) })}
            </p>
          ) : null}
          {shownAccuracy !== null ? <p className="teacher-accuracy">{t('teacher.accuracy', { accuracy: pct(shownAccuracy) })}</p> : null}
          <button type="button" disabled={locked} onClick={removeTeacher}>
            {t('teacher.remove')}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
