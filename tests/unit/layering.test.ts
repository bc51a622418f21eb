import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '../../src');

/** Every .ts/.tsx file under a folder of src/. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(SRC, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** The files under `dir` that import a module whose path matches `forbidden`, as "file → import". */
function offenders(dir: string, forbidden: RegExp): string[] {
  return filesUnder(dir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)]
      .map((m) => m[1]!)
      .filter((path) => forbidden.test(path))
      .map((path) => `${relative(SRC, file)} → ${path}`),
  );
}

describe('layering (the project guide: engine is pure, the store returns codes, the UI words them)', () => {
  it('the store never imports the UI', () => {
    expect(offenders('store', /(^|\/)ui\//)).toEqual([]);
  });

  it('the engine imports neither the store, the worker nor the UI', () => {
    expect(offenders('engine', /(^|\/)(store|worker|ui)\//)).toEqual([]);
  });

  it('the shared helpers (src/util) import nothing of the project', () => {
    expect(offenders('util', /(^|\/)(engine|store|worker|ui)\//)).toEqual([]);
  });

  it('training does not import export (the checkpoint codec lives with training)', () => {
    expect(offenders('engine/train', /\/export\//)).toEqual([]);
  });

  it('finds a forbidden import when there is one (the check can fail)', () => {
    expect(offenders('ui', /(^|\/)store\//).length).toBeGreaterThan(0);
  });
});
