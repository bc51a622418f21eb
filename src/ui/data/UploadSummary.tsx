import type { UserDataMeta } from '../../engine/data/meta';
import type { UploadState } from '../../store/uploadSlice';

/** How one example looks: its feature names (CSV) or its image size (idx). */
function inputText(meta: UserDataMeta, upload: UploadState): string {
  if (meta.inputShape.length === 3) return `${meta.inputShape[0]}×${meta.inputShape[1]} grey images`;
  const features = upload.preview?.headers.filter((_, j) => j !== upload.labelColumn) ?? [];
  const n = meta.inputShape[0] ?? features.length;
  return `${n} numeric feature${n === 1 ? '' : 's'}${features.length === n ? `: ${features.join(', ')}` : ''} (used as they are, not rescaled)`;
}

/** Class count, sample count, the seeded train/test split and the class names of a loaded upload (all text). */
export function UploadSummary({ meta, upload }: { meta: UserDataMeta; upload: UploadState }) {
  const total = meta.trainCount + meta.testCount;
  return (
    <ul className="upload-summary" aria-label="Upload summary">
      <li>Classes: {meta.numClasses}</li>
      <li>Samples: {total.toLocaleString('en-US')}</li>
      <li>
        Train / test: {meta.trainCount.toLocaleString('en-US')} / {meta.testCount.toLocaleString('en-US')} (20 % held out, stratified, seed {upload.seed})
      </li>
      <li>Input: {inputText(meta, upload)}</li>
      <li>Class names: {meta.classNames.join(', ')}</li>
    </ul>
  );
}
