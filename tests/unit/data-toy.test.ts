import { describe, expect, it } from 'vitest';
import { generateBlobs } from '../../src/engine/data/blobs';
import { generateCircles } from '../../src/engine/data/circles';
import { generateMoons } from '../../src/engine/data/moons';
import { DATASETS, DATASET_IDS, isDatasetId } from '../../src/engine/data/registry';
import { generateSpiral } from '../../src/engine/data/spiral';
import type { ToyGenerator } from '../../src/engine/data/toy';
import type { Split } from '../../src/engine/data/types';
import { generateXor } from '../../src/engine/data/xor';

const GENERATORS: { id: 'spiral' | 'circles' | 'xor' | 'blobs' | 'moons'; classes: number; generate: ToyGenerator }[] = [
  { id: 'spiral', classes: 3, generate: (o) => generateSpiral({ ...o, classes: 3 }) },
  { id: 'circles', classes: 2, generate: generateCircles },
  { id: 'xor', classes: 2, generate: generateXor },
  { id: 'blobs', classes: 4, generate: generateBlobs },
  { id: 'moons', classes: 2, generate: generateMoons },
];

const counts = (s: Split, k: number) => {
  const c = new Array<number>(k).fill(0);
  s.y.forEach((v) => c[v]!++);
  return c;
};

describe.each(GENERATORS)('toy set $id', ({ id, classes, generate }) => {
  it('is deterministic under a seed and sensitive to it', () => {
    const a = generate({ count: 600, noise: 0.1, seed: 5 });
    const b = generate({ count: 600, noise: 0.1, seed: 5 });
    const c = generate({ count: 600, noise: 0.1, seed: 6 });
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from(c.x)).not.toEqual(Array.from(a.x));
  });

  it('has the requested count, the stated classes (balanced) and finite coordinates', () => {
    for (const count of [600, 1001]) {
      const s = generate({ count, noise: 0.2, seed: 1 });
      expect(s.count).toBe(count);
      expect(s.x.length).toBe(2 * count);
      const c = counts(s, classes);
      expect(c.reduce((a, b) => a + b, 0)).toBe(count);
      expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(classes);
      expect(Array.from(s.x).every(Number.isFinite)).toBe(true);
    }
  });

  it('loads through the registry with a stratified 80/20 split seeded from the dataset seed', async () => {
    const entry = DATASETS[id];
    let progress = 0;
    const d = await entry.load({ seed: 3, noise: 0.1, samples: 1000 }, (f) => (progress = f));
    expect(entry.toy).toBe(true);
    expect(entry.inputShape).toEqual([2]);
    expect(entry.numClasses).toBe(classes);
    expect(entry.classNames).toHaveLength(classes);
    expect(d.numClasses).toBe(classes);
    expect(d.inputShape).toEqual([2]);
    expect(d.train.count + d.test.count).toBe(1000);
    const all = counts(generate({ count: 1000, noise: 0.1, seed: 3 }), classes);
    expect(counts(d.test, classes)).toEqual(all.map((n) => Math.round(n * 0.2)));
    expect(Math.abs(d.test.count - 200)).toBeLessThanOrEqual(classes);
    expect(progress).toBe(1);
    const again = await entry.load({ seed: 3, noise: 0.1, samples: 1000 }, () => undefined);
    expect(Array.from(again.test.x)).toEqual(Array.from(d.test.x));
    const other = await entry.load({ seed: 4, noise: 0.1, samples: 1000 }, () => undefined);
    expect(Array.from(other.test.x)).not.toEqual(Array.from(d.test.x));
  });
});

describe('toy geometry at noise 0', () => {
  const pts = (s: Split) => Array.from({ length: s.count }, (_, i) => ({ x: s.x[2 * i]!, y: s.x[2 * i + 1]!, c: s.y[i]! }));

  it('circles: a disc of radius 0.5 inside a ring of radii 0.7–1', () => {
    for (const p of pts(generateCircles({ count: 400, noise: 0, seed: 2 }))) {
      const r = Math.hypot(p.x, p.y);
      if (p.c === 0) expect(r).toBeLessThanOrEqual(0.5 + 1e-6);
      else expect(r).toBeGreaterThanOrEqual(0.7 - 1e-6);
    }
  });

  it('xor: class 0 where x·y > 0, class 1 where x·y < 0, away from the axes', () => {
    for (const p of pts(generateXor({ count: 400, noise: 0, seed: 2 }))) {
      expect(Math.sign(p.x * p.y)).toBe(p.c === 0 ? 1 : -1);
      expect(Math.min(Math.abs(p.x), Math.abs(p.y))).toBeGreaterThanOrEqual(0.05 - 1e-6);
    }
  });

  it('blobs: each class clusters around its own centre', () => {
    const s = generateBlobs({ count: 800, noise: 0, seed: 2 });
    const mean = [0, 1, 2, 3].map((c) => {
      const ps = pts(s).filter((p) => p.c === c);
      return [ps.reduce((a, p) => a + p.x, 0) / ps.length, ps.reduce((a, p) => a + p.y, 0) / ps.length] as const;
    });
    for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) expect(Math.hypot(mean[a]![0] - mean[b]![0], mean[a]![1] - mean[b]![1])).toBeGreaterThan(0.6);
    for (const m of mean) expect(Math.hypot(m[0], m[1])).toBeCloseTo(0.6, 1);
  });

  it('moons: both moons lie on their half circles within [-1, 1] × [-0.5, 0.5]', () => {
    for (const p of pts(generateMoons({ count: 400, noise: 0, seed: 2 }))) {
      expect(Math.abs(p.x)).toBeLessThanOrEqual(1 + 1e-6);
      expect(Math.abs(p.y)).toBeLessThanOrEqual(0.5 + 1e-6);
      const [cx, cy] = p.c === 0 ? [-1 / 3, -1 / 6] : [1 / 3, 1 / 6];
      expect(Math.hypot(p.x - cx, p.y - cy)).toBeCloseTo(1 / 1.5, 5);
    }
  });
});

describe('registry', () => {
  it('lists every dataset in menu order and guards ids', () => {
    expect(DATASET_IDS).toEqual(['spiral', 'circles', 'xor', 'blobs', 'moons', 'mnist', 'fashion-mnist', 'colour-shapes']);
    expect(isDatasetId('moons')).toBe(true);
    expect(isDatasetId('toString')).toBe(false);
    for (const id of DATASET_IDS) expect(DATASETS[id].classNames).toHaveLength(DATASETS[id].numClasses);
  });

  it('describes the image sets before loading', () => {
    for (const id of ['mnist', 'fashion-mnist'] as const) {
      expect(DATASETS[id].toy).toBe(false);
      expect(DATASETS[id].inputShape).toEqual([28, 28, 1]);
      expect(DATASETS[id].numClasses).toBe(10);
    }
    expect(DATASETS['fashion-mnist'].classNames).toEqual(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
  });
});
