import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMAGENET_PREPROCESSING, identityPreprocessing, preprocessingProblem, type OnnxPreprocessing } from '../../engine/import/onnxPreprocess';
import { useStudio } from '../../store';

/** Numbers from text such as `0.485, 0.456, 0.406` (null when any part is not a number). */
function parseList(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const values = parts.map(Number);
  return parts.length > 0 && values.every(Number.isFinite) ? values : null;
}

/** "How the teacher wants its pixels": pixel scale and per-channel mean and std of a loaded ONNX teacher, with an ImageNet preset. */
export function OnnxPreprocessingFields({ channels, locked }: { channels: number; locked: boolean }) {
  const { t } = useTranslation('models');
  const stated = useStudio((s) => s.models.teacher.preprocessing ?? null);
  const setPrep = useStudio((s) => s.setTeacherPreprocessing);
  const current = stated ?? identityPreprocessing(channels);
  const [meanText, setMeanText] = useState(current.mean.join(', '));
  const [stdText, setStdText] = useState(current.std.join(', '));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (next: OnnxPreprocessing) => {
    const why = preprocessingProblem(next, channels);
    setProblem(why);
    if (!why) setPrep(next);
  };
  const use = (p: OnnxPreprocessing) => {
    setMeanText(p.mean.join(', '));
    setStdText(p.std.join(', '));
    setProblem(null);
    setPrep(p);
  };
  const fromText = (mean: string, std: string) => {
    const m = parseList(mean);
    const s = parseList(std);
    if (!m || !s) return setProblem(t('teacher.prepNumbers'));
    apply({ scale: current.scale, mean: m, std: s });
  };
  return (
    <fieldset className="onnx-preprocessing">
      <legend>{t('teacher.prepTitle')}</legend>
      <label>
        {t('teacher.prepScale')}{' '}
        <select value={String(current.scale)} disabled={locked} onChange={(e) => apply({ ...current, scale: e.currentTarget.value === '255' ? 255 : 1 })}>
          <option value="1">{t('teacher.prepScale1')}</option>
          <option value="255">{t('teacher.prepScale255')}</option>
        </select>
      </label>
      <label>
        {t('teacher.prepMean')}{' '}
        <input type="text" value={meanText} disabled={locked} onChange={(e) => setMeanText(e.currentTarget.value)} onBlur={() => fromText(meanText, stdText)} />
      </label>
      <label>
        {t('teacher.prepStd')}{' '}
        <input type="text" value={stdText} disabled={locked} onChange={(e) => setStdText(e.currentTarget.value)} onBlur={() => fromText(meanText, stdText)} />
      </label>
      {channels === 3 ? (
        <button type="button" className="small" disabled={locked} onClick={() => use(IMAGENET_PREPROCESSING)}>
          {t('teacher.prepImagenet')}
        </button>
      ) : null}
      <button type="button" className="small" disabled={locked} onClick={() => use(identityPreprocessing(channels))}>
        {t('teacher.prepNone')}
      </button>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="hint">{t('teacher.prepHint')}</p>
    </fieldset>
  );
}
