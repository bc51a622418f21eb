/*
 * A class-per-folder tree (torchvision's ImageFolder layout) from a flat list of relative paths: each top-level
 * folder is a class, classes sorted by code point (as Python sorts them). Wrapper folders that only hold the class
 * folders are looked through; files in nested folders or outside any class folder are listed, never silently dropped.
 */

/** Why a file (or folder) of the user's image set is not used. */
export type SkipReason = 'notImage' | 'truncated' | 'undecodable' | 'empty' | 'nestedFolder' | 'outsideClass' | 'tooLarge';

/** A file or folder that is not used, by its path in the set, with the reason. */
export interface SkippedFile {
  path: string;
  reason: SkipReason;
  /** For `tooLarge`: its header's size, e.g. `100000×100000`. */
  detail?: string;
}

/** A file of the tree: its path relative to the dropped/picked folder or the zip's root, and its index in the input. */
export interface TreeFile {
  path: string;
  index: number;
}

/** The class folders found, each with its candidate files, plus what was set aside. */
export interface ClassTree {
  /** Class names, sorted by code point. */
  classNames: string[];
  /** Candidate files of each class (same order as `classNames`), sorted by path. */
  files: TreeFile[][];
  /** Files that are not candidates: nested folders, files outside class folders, system files. */
  skipped: SkippedFile[];
  /** The wrapper folders looked through, outermost first (e.g. the picked folder's own name). */
  wrappers: string[];
}

/** Compares two strings by Unicode code point (Python's order; JavaScript's default compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** Path segments, without empty ones (leading, trailing or doubled slashes; backslashes count as slashes). */
export function segmentsOf(path: string): string[] {
  return path.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
}

/** True for files and folders operating systems leave behind: `.DS_Store`, `._x` resource forks, `Thumbs.db`, `desktop.ini`, `__MACOSX`. */
export function isSystemEntry(name: string): boolean {
  return name.startsWith('.') || name === '__MACOSX' || /^(thumbs\.db|desktop\.ini)$/i.test(name);
}

/**
 * Parses a flat list of paths into class folders. `folders` lists directories known to exist (zip directory
 * entries, a dropped folder's walk), so an empty class folder still counts as a class.
 */
export function parseClassTree(paths: readonly string[], folders: readonly string[] = []): ClassTree {
  const skipped: SkippedFile[] = [];
  type Entry = { segs: string[]; index: number };
  let entries: Entry[] = [];
  let dirs = folders.map(segmentsOf).filter((s) => s.length > 0);
  paths.forEach((p, index) => {
    const segs = segmentsOf(p);
    if (segs.length === 0) return;
    // A system entry anywhere on the path (e.g. __MACOSX/…, .git/…, .DS_Store) is not part of the set.
    if (segs.some(isSystemEntry)) skipped.push({ path: segs.join('/'), reason: 'notImage' });
    else entries.push({ segs, index });
  });
  dirs = dirs.filter((d) => !d.some(isSystemEntry));

  // Look through wrapper folders: one top-level folder, no loose files beside it, and folders inside it.
  const wrappers: string[] = [];
  for (;;) {
    const tops = new Set([...entries.map((e) => e.segs[0]!), ...dirs.map((d) => d[0]!)]);
    const [top] = tops;
    const loose = entries.some((e) => e.segs.length === 1);
    const inner = entries.some((e) => e.segs.length >= 3) || dirs.some((d) => d.length >= 2);
    if (tops.size !== 1 || top === undefined || loose || !inner) break;
    wrappers.push(top);
    entries = entries.map((e) => ({ segs: e.segs.slice(1), index: e.index }));
    dirs = dirs.map((d) => d.slice(1)).filter((d) => d.length > 0);
  }
  const prefix = wrappers.map((w) => `${w}/`).join('');

  const byClass = new Map<string, TreeFile[]>();
  for (const d of dirs) if (!byClass.has(d[0]!)) byClass.set(d[0]!, []);
  const nested = new Set<string>();
  for (const e of entries) {
    if (e.segs.length === 1) {
      skipped.push({ path: prefix + e.segs[0]!, reason: 'outsideClass' });
      continue;
    }
    const cls = e.segs[0]!;
    if (!byClass.has(cls)) byClass.set(cls, []);
    if (e.segs.length > 2) {
      nested.add(`${prefix}${e.segs.slice(0, 2).join('/')}/`);
      continue;
    }
    byClass.get(cls)!.push({ path: prefix + e.segs.join('/'), index: e.index });
  }
  for (const d of dirs) if (d.length >= 2) nested.add(`${prefix}${d.slice(0, 2).join('/')}/`);
  for (const path of [...nested].sort(compareCodePoints)) skipped.push({ path, reason: 'nestedFolder' });
  const classNames = [...byClass.keys()].sort(compareCodePoints);
  const files = classNames.map((c) => byClass.get(c)!.sort((a, b) => compareCodePoints(a.path, b.path)));
  return { classNames, files, skipped, wrappers };
}
