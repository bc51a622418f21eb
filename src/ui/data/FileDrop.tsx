import { useId } from 'react';
import { droppedEntries } from './imageFiles';
import { useFileDropZone } from './useFileDropZone';

/** Props of the drop zone. */
interface FileDropProps {
  disabled: boolean;
  /** The file input's visible label. */
  label: string;
  /** One line under the label on what to drop. */
  hint: string;
  /** The file input's `accept` filter (any file when absent). */
  accept?: string;
  /** Called with the files picked or dropped. */
  onFiles: (files: File[]) => void;
  /** Called instead of `onFiles` when the drop holds folders (their entries, taken before the drop handler returns). */
  onFolders?: (entries: FileSystemEntry[]) => void;
}

/** A drop zone around a labelled file input: drag files onto it, or pick them. */
export function FileDrop({ disabled, label, hint, accept, onFiles, onFolders }: FileDropProps) {
  const id = useId();
  const zone = useFileDropZone(disabled, (data) => {
    const entries = onFolders ? droppedEntries(data) : null;
    if (entries && onFolders) onFolders(entries);
    else if (data.files.length > 0) onFiles(Array.from(data.files));
  });
  return (
    <div {...zone}>
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        type="file"
        multiple
        accept={accept}
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
