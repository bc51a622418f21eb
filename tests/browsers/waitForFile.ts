import { existsSync, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';

/** How often the download folder is looked through besides its events (ms). */
const SWEEP_MS = 250;

/**
 * Resolves with a file's bytes once it exists somewhere under `dir` and `complete` accepts them (a browser may write a
 * download in pieces, or under a temporary name first). Driven by file-system events; each event looks for the file
 * in every folder under `dir`. Node's recursive watch can miss an event (a folder created after the watch began;
 * one CI run saw Chromium's finished zip go unnoticed), so the folder is also looked through every `SWEEP_MS`.
 */
export function waitForFile(dir: string, name: string, timeoutMs: number, complete: (bytes: Uint8Array) => boolean): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      for (const path of [join(dir, name), ...walk(dir).filter((p) => p.endsWith(`/${name}`)).map((p) => join(dir, p))]) {
        if (!existsSync(path)) continue;
        const bytes = new Uint8Array(readFileSync(path));
        if (complete(bytes)) {
          finish();
          resolve(bytes);
          return;
        }
      }
    };
    const watcher = watch(dir, { recursive: true }, check);
    const sweep = setInterval(check, SWEEP_MS);
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`No complete ${name} under ${dir} after ${timeoutMs} ms; the folder holds: ${listing(dir)}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      clearInterval(sweep);
      watcher.close();
    };
    check();
  });
}

/** Every path under `dir`, relative to it (none when it cannot be read). */
function walk(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[];
  } catch {
    return [];
  }
}

/** Every file under `dir` with its size, for a failed wait's message (a download left under a temporary name shows here). */
function listing(dir: string): string {
  const files = walk(dir).map((p) => {
    try {
      return `${p} (${statSync(join(dir, p)).size} bytes)`;
    } catch {
      return `${p} (gone)`;
    }
  });
  return files.length ? files.join(', ') : '(nothing, or unreadable)';
}
