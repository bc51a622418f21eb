/*
 * The page side of an image-folder upload: gathers the files of a dropped folder (a DataTransfer directory walk), a
 * picked folder (`webkitdirectory`, paths from `webkitRelativePath`) or a zip, reads their bytes and hands them to
 * the worker, which decodes them. The last source is remembered so a change of size or fit can load it again.
 */
import { useStudio } from '../../store';
import type { ImageSource } from '../../worker/imageMessages';
import { studioWorker } from '../bridge/studioWorker';
import { i18n } from '../i18n';

/** A file of a folder with its path relative to the folder's parent (the folder's own name first). */
export interface FolderFile {
  path: string;
  file: File;
}

/** The files (and directories, so empty class folders are seen) of a dropped or picked folder. */
export interface FolderFiles {
  name: string;
  files: FolderFile[];
  folders: string[];
}

/** What the user last loaded, to load again when the size or fit changes. */
type LastSource = { kind: 'folder'; folder: FolderFiles } | { kind: 'zip'; file: File };

let last: LastSource | null = null;

/** True when a file is a zip by its name or type. */
export function isZipFile(file: { name: string; type: string }): boolean {
  return /\.zip$/i.test(file.name) || file.type === 'application/zip' || file.type === 'application/x-zip-compressed';
}

/** Every entry of a directory (readEntries answers in batches until an empty one). */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

/** Walks a dropped entry: files with their full paths, and every directory. */
async function walk(entry: FileSystemEntry, into: FolderFiles): Promise<void> {
  const path = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    into.files.push({ path, file });
  } else if (entry.isDirectory) {
    into.folders.push(`${path}/`);
    for (const child of await readAll(entry as FileSystemDirectoryEntry)) await walk(child, into);
  }
}

/**
 * The entries of a drop, taken synchronously (a DataTransfer empties once the drop handler returns): directories and
 * files as FileSystemEntry, or null when the drop holds no directory (plain files go the usual way).
 */
export function droppedEntries(dt: DataTransfer): FileSystemEntry[] | null {
  const entries = Array.from(dt.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  return entries.some((e) => e.isDirectory) ? entries : null;
}

/** Walks dropped directories into one folder's files (several dropped class folders share an unnamed root). */
export async function walkDropped(entries: readonly FileSystemEntry[]): Promise<FolderFiles> {
  const folder: FolderFiles = { name: entries.length === 1 ? entries[0]!.name : entries.map((e) => e.name).join(', '), files: [], folders: [] };
  for (const e of entries) await walk(e, folder);
  return folder;
}

/** The files of a `webkitdirectory` pick, by `webkitRelativePath` (the picked folder's own name first). */
export function pickedFolder(files: readonly File[]): FolderFiles {
  const list = files.map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  const name = list[0]?.path.split('/')[0] ?? '';
  return { name, files: list, folders: [] };
}

/** Reads a folder's files and sends them to the worker. */
export async function loadFolder(folder: FolderFiles): Promise<void> {
  last = { kind: 'folder', folder };
  const { failUpload } = useStudio.getState();
  try {
    const buffers = await Promise.all(folder.files.map((f) => f.file.arrayBuffer()));
    const source: ImageSource = { kind: 'files', name: folder.name, paths: folder.files.map((f) => f.path), buffers, folders: folder.folders };
    studioWorker.loadImages(source);
  } catch (e) {
    failUpload(i18n.t('images:readFailed', { error: e instanceof Error ? e.message : String(e) }), [folder.name]);
  }
}

/** Reads a zip and sends it to the worker. */
export async function loadZip(file: File): Promise<void> {
  last = { kind: 'zip', file };
  try {
    studioWorker.loadImages({ kind: 'zip', name: file.name, bytes: await file.arrayBuffer() });
  } catch (e) {
    useStudio.getState().failUpload(i18n.t('images:readFailed', { error: e instanceof Error ? e.message : String(e) }), [file.name]);
  }
}

/** Loads the last image source again (after a change of size or fit); false when there is none. */
export function reloadImages(): boolean {
  if (!last) return false;
  void (last.kind === 'zip' ? loadZip(last.file) : loadFolder(last.folder));
  return true;
}
