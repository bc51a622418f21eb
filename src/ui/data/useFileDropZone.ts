import { useState, type DragEvent } from 'react';

/** The drop zone's class name and drag handlers. */
export interface FileDropZone {
  className: string;
  onDragOver: (e: DragEvent<HTMLElement>) => void;
  onDragLeave: () => void;
  onDrop: (e: DragEvent<HTMLElement>) => void;
}

/** A drop zone's drag state and handlers: highlighted while files are dragged over it, `onDrop` given what was dropped (unless disabled). */
export function useFileDropZone(disabled: boolean, onDrop: (data: DataTransfer) => void): FileDropZone {
  const [over, setOver] = useState(false);
  return {
    className: over ? 'drop-zone over' : 'drop-zone',
    onDragOver: (e) => {
      e.preventDefault();
      if (!disabled) setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (e) => {
      e.preventDefault();
      setOver(false);
      if (!disabled) onDrop(e.dataTransfer);
    },
  };
}
