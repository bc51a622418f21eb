import { fail } from './errors';
import type { ManifestGroup } from './manifest';

/** A file the user selected, by name. */
export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}

/** The weight bytes of every manifest group in order, plus warnings about files nobody asked for. */
export interface MatchedWeights {
  data: ArrayBuffer;
  warnings: string[];
}

/** The last path component (`a/b/weights.bin` → `weights.bin`). */
export function baseName(path: string): string {
  const trimmed = path.trim();
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

const quote = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/**
 * Finds every shard the manifest names among the selected files (by base name), checks each group's byte length
 * and concatenates the shards. `ignore` lists names that are not weight files (the model.json itself).
 */
export function matchWeightFiles(groups: readonly ManifestGroup[], files: readonly ModelFile[], ignore: readonly string[]): MatchedWeights {
  const byName = new Map<string, ModelFile>();
  for (const f of files) {
    const name = baseName(f.name);
    if (byName.has(name)) fail('duplicate-file', 'duplicateFile', { name });
    byName.set(name, f);
  }
  const wanted = groups.flatMap((g) => g.paths.map(baseName));
  const missing = [...new Set(wanted.filter((p) => !byName.has(p)))];
  const unused = [...byName.keys()].filter((n) => !wanted.includes(n) && !ignore.includes(n));
  if (missing.length > 0) {
    const candidates = unused.filter((n) => !/\.json$/i.test(n));
    if (missing.length === 1 && candidates.length === 1) {
      const expected = groups.find((g) => g.paths.map(baseName).includes(missing[0]!));
      const size = byName.get(candidates[0]!)!.bytes.byteLength;
      const fits = expected !== undefined && expected.paths.length === 1 && expected.byteLength === size;
      const params = { missing: missing[0]!, candidate: candidates[0]! };
      if (fits) fail('misnamed-weight-file', 'misnamedFits', params, { size });
      fail('misnamed-weight-file', 'misnamed', params);
    }
    const many = missing.length > 1;
    const params = { files: quote(missing), selected: quote(files.map((f) => baseName(f.name))) };
    if (files.length > 0) fail('missing-weight-file', many ? 'missingMany' : 'missingOne', params);
    fail('missing-weight-file', many ? 'missingManyNone' : 'missingOneNone', params);
  }
  const parts: Uint8Array[] = [];
  for (const g of groups) {
    const shards = g.paths.map((p) => byName.get(baseName(p))!.bytes);
    const actual = shards.reduce((n, s) => n + s.byteLength, 0);
    if (actual !== g.byteLength) {
      const one = g.paths.length === 1;
      const short = actual < g.byteLength;
      const key = one ? (short ? 'sizeOneShort' : 'sizeOneLong') : short ? 'sizeManyShort' : 'sizeManyLong';
      const params = { file: baseName(g.paths[0] ?? ''), files: quote(g.paths.map(baseName)), expectedCount: g.byteLength, actualCount: actual };
      fail('weight-size-mismatch', key, params, { actual, expected: g.byteLength });
    }
    parts.push(...shards);
  }
  const data = new ArrayBuffer(parts.reduce((n, p) => n + p.byteLength, 0));
  const view = new Uint8Array(data);
  let at = 0;
  for (const p of parts) {
    view.set(p, at);
    at += p.byteLength;
  }
  const warnings = unused.map((n) => `Ignored "${n}": model.json does not refer to it.`);
  return { data, warnings };
}
