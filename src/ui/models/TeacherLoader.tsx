import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { currentMeta } from '../../store/configSlice';
import { selectUserData } from '../../store/uploadSlice';
import { loadTeacherFiles, removeTeacher } from '../bridge/modelsBridge';
import { pct } from '../results/format';

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** "Teacher: load a pretrained model…": a drop zone + file picker for model.json and weights, the loaded teacher, and Remove. */
export function TeacherLoader({ locked }: { locked: boolean }) {
  const { t } = useTranslation('models');
  const id = useId();
  const [over, setOver] = useState(false);
  const teacher = useStudio((s) => s.models.teacher);
  const config = useStudio((s) => s.config);
  const userData = useStudio(selectUserData);
  const meta = currentMeta(config, userData);
  const shownAccuracy = useStudio((s) => {
    const ref = s.run.config?.pretrainedTeacher;
    if (!ref || ref.id !== s.models.teacher.info?.ref.id) return null;
    const row = s.run.epochRows.find((r) => r.teacher !== undefined);
    return row?.teacher ?? null;
  });
  const disabled = locked || teacher.status === 'loading';
  const pick = (files: File[]) => {
    if (!disabled && files.length > 0) void loadTeacherFiles(files);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    pick(Array.from(e.dataTransfer.files));
  };
  const info = teacher.status === 'ready' ? teacher.info : null;
  const mismatch = info !== null && (!sameShape(info.inputShape, meta.inputShape) || info.numClasses !== meta.numClasses);
  return (
    <fieldset className="teacher-loader">
      <legend>{t('teacher.title')}</legend>
      <div
        className={over ? 'drop-zone over' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label htmlFor={id}>{t('teacher.files')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('teacher.hint')}
        </p>
        <input
          id={id}
          type="file"
          multiple
          accept=".json,.bin,application/json,application/octet-stream"
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = ''; // picking the same files again still fires a change
            pick(files);
          }}
        />
      </div>
      {teacher.status === 'loading' ? <p aria-live="polite">{t('teacher.checking', { names: teacher.fileNames.join(', ') })}</p> : null}
      {teacher.status === 'failed' && teacher.error ? (
        <p className="field-error" role="alert">
          {t('teacher.rejected', { message: teacher.error.message })}
        </p>
      ) : null}
      {teacher.status === 'gone' ? (
        <p className="field-error" role="alert">
          {t('teacher.gone')}
        </p>
      ) : null}
      {info ? (
        <div className="teacher-in-use">
          <p>{t('teacher.inUse', { name: info.ref.name, params: info.params.toLocaleString('en-US'), layers: info.layerTypes.join(' → ') })}</p>
          <p className="hint">{t('teacher.skips')}</p>
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
