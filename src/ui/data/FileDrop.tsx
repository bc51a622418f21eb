import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Props of the drop zone. */
interface FileDropProps {
  disabled: boolean;
  /** Called with the files picked or dropped (one CSV, or idx files). */
  onFiles: (files: File[]) => void;
}

/** A drop zone around a labelled file input ("Data file(s)"): drag files onto it, or pick them. */
export function FileDrop({ disabled, onFiles }: FileDropProps) {
  const { t } = useTranslation();
  const id = useId();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (!disabled && e.dataTransfer.files.length > 0) onFiles(Array.from(e.dataTransfer.files));
  };
  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id}>{t('upload.files')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('upload.filesHint')}
      </p>
      <input
        id={id}
        type="file"
        multiple
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = ''; // picking the same file again still fires a change
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
