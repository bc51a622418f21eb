#!/usr/bin/env node
// Measures tfjs flag sets (WebGPU's above all) for the studio's workloads and checks that each still gives correct
// numbers. Builds the app into a temporary folder, serves it, and opens parity.html?mode=flags in headless Chromium
// (--enable-unsafe-webgpu: SwiftShader's WebGPU on a machine without a GPU) once per candidate and round, each in a
// fresh page (fresh worker, fresh GPU device, no shader cache shared between candidates), rotating the order per round.
// Prints, per candidate and workload, the median and the best of the rounds for a forward pass and an SGD training
// step (each itself the median of REPS calls after a first, compiling call), plus the parity verdict.
//
//   node scripts/measure-webgpu-flags.mjs                 # every candidate, 3 rounds, batch 32
//   CANDIDATES=0,1,8 ROUNDS=5 WORKLOADS=cnn BATCH=64 REPS=3 PARITY=0 node scripts/measure-webgpu-flags.mjs
//   URL=http://localhost:4175 node scripts/measure-webgpu-flags.mjs   # use a build that is already served
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const env = process.env;
const PORT = Number(env.PORT ?? 4176);
const ROUNDS = Number(env.ROUNDS ?? 3);
const BATCH = Number(env.BATCH ?? 32);
const REPS = Number(env.REPS ?? 3);
const WORKLOADS = env.WORKLOADS ?? 'cnn,mlp';
const PARITY = (env.PARITY ?? '1') === '1';
const executablePath = env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

let base = env.URL;
let server = null;
let outDir = null;
if (!base) {
  outDir = mkdtempSync(join(tmpdir(), 'distill-flags-'));
  if (spawnSync(npx, ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit' }).status !== 0) process.exit(1);
  server = spawn(npx, ['vite', 'preview', '--outDir', outDir, '--strictPort', '--port', String(PORT)], { stdio: 'ignore' });
  base = `http://localhost:${PORT}`;
}
const cleanUp = () => {
  server?.kill('SIGTERM');
  if (outDir) rmSync(outDir, { recursive: true, force: true });
};
process.on('exit', cleanUp);

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/parity.html`)).ok) break;
  } catch {
    /* not up yet */
  }
  if (i > 150) throw new Error(`${base}/parity.html is not served`);
  await new Promise((r) => setTimeout(r, 200));
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu'],
});

/** Opens the page once and returns what it publishes. */
async function open(query, key = '__parity') {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}/parity.html?${query}`);
    return await page.waitForFunction((k) => window[k], key, { timeout: 30 * 60_000, polling: 500 }).then((h) => h.jsonValue());
  } finally {
    await page.close();
  }
}

const all = await open('mode=flags&candidates=', '__parityCandidates');
const picked = env.CANDIDATES ? env.CANDIDATES.split(',').map(Number) : all.map((_, i) => i);
/** rows[candidate][workload] = list of per-round timings. */
const rows = new Map();
const verdicts = new Map();
for (let round = 0; round < ROUNDS; round++) {
  const order = picked.map((_, i) => picked[(i + round) % picked.length]);
  for (const i of order) {
    const parity = PARITY && round === 0 ? '&parity=1' : '';
    const res = await open(`mode=flags&candidates=${i}&workloads=${WORKLOADS}&batch=${BATCH}&reps=${REPS}${parity}`);
    if (!res.ok) {
      console.log(`candidate ${i} (${all[i].backend} ${all[i].label}): ${res.error}`);
      continue;
    }
    for (const r of res.rows) {
      const key = `${i}|${r.workload}`;
      rows.set(key, [...(rows.get(key) ?? []), r]);
      if (Object.keys(r.parity).length) verdicts.set(i, r.parity);
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS}: ${all[i].backend} ${all[i].label} done\n`);
  }
}
await browser.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (xs) => (xs.some((x) => x === null) ? '—' : `${Math.round(median(xs))} (best ${Math.round(Math.min(...xs))})`);
console.log(`batch ${BATCH}, ${REPS} timed calls after a first one, ${ROUNDS} rounds: median (best) ms`);
for (const i of picked) {
  const c = all[i];
  const v = verdicts.get(i);
  const bad = v ? Object.entries(v).filter(([, s]) => !s.startsWith('ok')) : [];
  const verdict = !v ? '' : bad.length ? `parity: ${bad.map(([k, s]) => `${k} ${s}`).join('; ')}` : 'parity: all cases ok';
  console.log(`\n[${i}] ${c.backend} — ${c.label} ${JSON.stringify(c.flags)}  ${verdict}`);
  for (const w of WORKLOADS.split(',')) {
    const rs = rows.get(`${i}|${w}`) ?? [];
    if (!rs.length) continue;
    console.log(
      `    ${w}: forward ${ms(rs.map((r) => r.forwardMs))}, first ${ms(rs.map((r) => r.forwardFirstMs))}; ` +
        `training step ${ms(rs.map((r) => r.stepMs))}, first ${ms(rs.map((r) => r.stepFirstMs))}${rs[0].note ? ` (${rs[0].note})` : ''}`,
    );
  }
}
cleanUp();
process.exit(0);
