import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { IMAGE_SIZES, type FitMode } from '../../engine/data/images/fitSquare';
import { useStudio } from '../../store';
import { SelectField } from '../controls/SelectField';
import { useFileDropZone } from './useFileDropZone';
import { droppedEntries, isZipFile, loadFolder, loadZip, pickedFolder, reloadImages, walkDropped } from './imageFiles';

/** Props of the image-folder panel. */
interface ImageFolderPanelProps {
  /** True while a run trains or files are being read. */
  disabled: boolean;
}

/** A file input that picks a whole folder (`webkitdirectory`, not in React's typings, set on the element). */
function FolderInput({ label, disabled, onFiles }: { label: string; disabled: boolean; onFiles: (files: File[]) => void }) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.setAttribute('webkitdirectory', ''), []);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        type="file"
        multiple
        disabled={disabled}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}

/** The "Image folder" part of "Your data": size and fit, then drop a folder or a zip, or pick one; decoding shows its progress. */
export function ImageFolderPanel({ disabled }: ImageFolderPanelProps) {
  const { t } = useTranslation('images');
  const zipId = useId();
  const upload = useStudio((s) => s.upload);
  const setImagePrep = useStudio((s) => s.setImagePrep);
  const { size, fit } = upload.imagePrep;
  const choose = (next: { size: number; fit: FitMode }) => {
    setImagePrep(next);
    // Images already loaded follow the new choice: the worker decodes them again.
    if (upload.kind === 'images' && (upload.status === 'ready' || upload.status === 'failed')) reloadImages();
  };
  const zone = useFileDropZone(disabled, (data) => {
    const entries = droppedEntries(data);
    if (entries) {
      void walkDropped(entries).then(loadFolder);
      return;
    }
    const zip = Array.from(data.files).find(isZipFile);
    if (zip) void loadZip(zip);
  });
  const progress = upload.kind === 'images' && upload.status === 'loading' ? upload.imageProgress : null;
  return (
    <fieldset className="image-folder">
      <legend>{t('heading')}</legend>
      <SelectField
        label={t('size')}
        value={String(size)}
        disabled={disabled}
        options={IMAGE_SIZES.map((s) => ({ value: String(s), label: t('sizeOption', { size: String(s) }) }))}
        onChange={(v) => choose({ size: Number(v), fit })}
      />
      <SelectField<FitMode>
        label={t('fit')}
        value={fit}
        disabled={disabled}
        options={[
          { value: 'crop', label: t('fitCrop') },
          { value: 'pad', label: t('fitPad') },
        ]}
        onChange={(v) => choose({ size, fit: v })}
      />
      <div {...zone}>
        <p className="drop-zone-title">{t('dropZone')}</p>
        <p className="hint">{t('hint')}</p>
        <FolderInput label={t('pickFolder')} disabled={disabled} onFiles={(files) => void loadFolder(pickedFolder(files))} />
        <div className="field">
          <label htmlFor={zipId}>{t('pickZip')}</label>
          <input
            id={zipId}
            type="file"
            accept=".zip,application/zip"
            disabled={disabled}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void loadZip(file);
            }}
          />
        </div>
      </div>
      {progress ? (
        <div className="image-progress">
          <progress aria-label={t('progress')} value={progress.done} max={Math.max(1, progress.total)} />
          <span>{t('decoding', { name: upload.fileNames[0] ?? '', done: String(progress.done), total: String(progress.total) })}</span>
        </div>
      ) : null}
    </fieldset>
  );
}
