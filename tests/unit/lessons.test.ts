import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { validateConfig } from '../../src/engine/train/validateConfig';
import { CONFIG_FIELDS, DEFAULT_CONFIG, fieldProblem, type StudioConfig } from '../../src/store/configFields';
import { toExperimentConfig } from '../../src/store/configSlice';
import { LESSON_IDS, LESSONS, lessonById, lessonConfig, type LessonSettings } from '../../src/store/lessons';
import { RECIPES } from '../../src/store/recipes';
import { createStudioSlices } from '../../src/store/slices';
import type { StudioState } from '../../src/store/types';
import { lessons as en } from '../../src/ui/i18n/en/lessons';
import type { ExperimentConfig } from '../../src/engine/train/types';

/** A fresh store of every slice (no persistence). */
function newStore() {
  return create<StudioState>()(createStudioSlices);
}

/** The keys whose values differ between two settings objects. */
function differingKeys(a: LessonSettings, b: LessonSettings): string[] {
  return (Object.keys(a) as (keyof LessonSettings)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Looks up a dotted key in the English catalogue. */
function message(key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], en);
}

const allParts = LESSONS.flatMap((l) => l.parts.map((p, i) => ({ name: `${l.id} part ${i + 1}`, part: p })));

describe('lessons', () => {
  it('are the six lessons, each with a title, an explanation and at least one part whose label exists', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([...LESSON_IDS]);
    expect(LESSONS).toHaveLength(6);
    for (const l of LESSONS) {
      expect(typeof message(l.titleKey), l.titleKey).toBe('string');
      expect(typeof message(l.explanationKey), l.explanationKey).toBe('string');
      expect(l.parts.length).toBeGreaterThan(0);
      for (const p of l.parts) expect(typeof message(p.labelKey), p.labelKey).toBe('string');
    }
    expect(LESSONS.map((l) => l.focus)).toEqual(['explorer', null, 'bias', 'boundaries', 'boundaries', null]);
  });

  it.each(allParts)('$name sets every field except the backend, each one valid, and makes a valid experiment', ({ part }) => {
    expect(Object.keys(part.settings).sort()).toEqual(Object.keys(CONFIG_FIELDS).filter((k) => k !== 'backend').sort());
    for (const [key, value] of Object.entries(part.settings)) expect(fieldProblem(key as keyof StudioConfig, value), key).toBeNull();
    const { config, rejected } = lessonConfig(part, { ...DEFAULT_CONFIG, backend: 'wasm' });
    expect(rejected).toEqual([]);
    expect(config).toEqual({ ...part.settings, backend: 'wasm' });
    const experiment: ExperimentConfig = toExperimentConfig(config);
    expect(validateConfig(experiment)).toBeNull();
  });

  it('"Does distillation beat training from scratch?" mirrors the mnist-kd and mnist-tiny recipes over 3 seeds', () => {
    const [kd, tiny] = lessonById('distillVsScratch').parts.map((p) => p.settings);
    const recipe = (id: string) => RECIPES.mnist!.find((r) => r.id === id)!.settings;
    expect(kd).toMatchObject({ dataset: 'mnist', ...recipe('mnist-kd'), repeats: 3 });
    expect(tiny).toMatchObject({ dataset: 'mnist', ...recipe('mnist-tiny'), repeats: 3 });
    expect(kd).toMatchObject({ teacherId: 'cnn-32-64-128', studentId: 'mlp-800-800', transferSize: 1000, temperature: 20, alpha: 0.9 });
    expect(tiny).toMatchObject({ teacherId: 'cnn-32-64-128', studentId: 'mlp-32', transferSize: 1000, temperature: 20, alpha: 0.9 });
    // The teacher trains on every digit; only the students use the 1,000-digit subset.
    expect(toExperimentConfig({ ...DEFAULT_CONFIG, ...kd! }).student).toEqual({ kind: 'mlp', hidden: [800, 800], activation: 'relu' });
    expect(toExperimentConfig({ ...DEFAULT_CONFIG, ...tiny! }).student).toEqual({ kind: 'mlp', hidden: [32], activation: 'relu' });
    expect(differingKeys(kd!, tiny!)).toEqual(['studentId']);
  });

  it('"The omitted digit" removes every 3 from the MNIST transfer set', () => {
    const [part] = lessonById('omittedDigit').parts;
    expect(part!.settings).toMatchObject({ dataset: 'mnist', excludeClasses: [3], transferSize: 0, temperature: 20 });
    expect(toExperimentConfig({ ...DEFAULT_CONFIG, ...part!.settings }).excludeClasses).toEqual([3]);
  });

  it('"Why T²?" parts differ only in the T² factor, at a high temperature', () => {
    const [off, on] = lessonById('whyT2').parts.map((p) => p.settings);
    expect(differingKeys(off!, on!)).toEqual(['scaleByT2']);
    expect([off!.scaleByT2, on!.scaleByT2]).toEqual([false, true]);
    expect(off!.temperature).toBeGreaterThanOrEqual(10);
  });

  it('"Logits vs probabilities" parts differ only in the soft term', () => {
    const [kl, mse] = lessonById('logitsVsProbabilities').parts.map((p) => p.settings);
    expect(differingKeys(kl!, mse!)).toEqual(['softTerm']);
    expect([kl!.softTerm, mse!.softTerm]).toEqual(['kl', 'mse']);
  });
});

describe('lesson slice', () => {
  it('opens a lesson with its focus, and closes it', () => {
    const store = newStore();
    store.getState().openLesson('omittedDigit');
    expect(store.getState()).toMatchObject({ lessonId: 'omittedDigit', lessonFocus: 'bias' });
    store.getState().openLesson('temperature');
    expect(store.getState()).toMatchObject({ lessonId: 'temperature', lessonFocus: 'explorer' });
    store.getState().closeLesson();
    expect(store.getState()).toMatchObject({ lessonId: null, lessonFocus: null });
  });

  it('applies a part: full settings, the backend kept, the built-in dataset in use, stale field errors cleared; nothing starts', () => {
    const store = newStore();
    store.getState().setConfig({ backend: 'cpu', epochs: 99, hintEnabled: true, excludeClasses: [1] });
    store.getState().setFieldError('samples', 'Enter a number.');
    store.getState().chooseUpload();
    store.getState().openLesson('whyT2');
    expect(store.getState().config.epochs).toBe(99); // opening alone changes nothing
    expect(store.getState().applyLessonPart(0)).toBe(true);
    const s = store.getState();
    expect(s.config).toEqual({ ...lessonById('whyT2').parts[0]!.settings, backend: 'cpu' });
    expect(s.fieldErrors).toEqual({});
    expect(s.upload.useUpload).toBe(false);
    expect(s.run.status).toBe('idle');
    expect(s.applyLessonPart(5)).toBe(false);
  });

  it('refuses to apply a part while a run trains', () => {
    const store = newStore();
    store.getState().openLesson('logitsVsProbabilities');
    store.getState().beginRun(1, toExperimentConfig(DEFAULT_CONFIG));
    expect(store.getState().applyLessonPart(1)).toBe(false);
    expect(store.getState().config.softTerm).toBe(DEFAULT_CONFIG.softTerm);
  });
});
