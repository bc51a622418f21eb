import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForFile } from '../browsers/waitForFile';

/** The cross-browser tests' download wait, on a real folder. */
describe('waitForFile', () => {
  const dirs: string[] = [];
  const folder = () => {
    const d = mkdtempSync(join(tmpdir(), 'wait-for-file-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('finds a file renamed into a folder made after the wait began, once its bytes are complete', async () => {
    const dir = folder();
    const wait = waitForFile(dir, 'student.zip', 5000, (b) => b.length === 4);
    setTimeout(() => {
      mkdirSync(join(dir, 'later', 'deeper'), { recursive: true });
      writeFileSync(join(dir, 'later', 'deeper', 'student.zip.part'), Uint8Array.of(1, 2, 3, 4));
      writeFileSync(join(dir, 'later', 'deeper', 'student.zip'), Uint8Array.of(1, 2));
    }, 30);
    setTimeout(() => renameSync(join(dir, 'later', 'deeper', 'student.zip.part'), join(dir, 'later', 'deeper', 'student.zip')), 400);
    expect(Array.from(await wait)).toEqual([1, 2, 3, 4]);
  });

  it('times out naming what the folder holds', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'student.zip.crdownload'), Uint8Array.of(9, 9, 9));
    await expect(waitForFile(dir, 'student.zip', 300, () => true)).rejects.toThrow('No complete student.zip under ' + dir + ' after 300 ms; the folder holds: student.zip.crdownload (3 bytes)');
  });
});
