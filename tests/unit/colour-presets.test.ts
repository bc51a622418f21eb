import { describe, expect, it } from 'vitest';
import { COLOUR_STUDENT_PRESETS, COLOUR_TEACHER_PRESETS, presetsFor } from '../../src/engine/models/presets';
import { flopsPerExample, paramCount, sizeKB, validateArch } from '../../src/engine/models/spec';
import { DEFAULT_CONFIG } from '../../src/store/configFields';
import { IMAGE_LEARNING_RATE, familyOf, menuPreset, toExperimentConfig, withFamilyDefaults } from '../../src/store/configSlice';

describe('colour presets', () => {
  it('build on H×W×3 at every offered size (16, 24, 32, 48, 64)', () => {
    for (const size of [16, 24, 32, 48, 64]) {
      for (const p of [...COLOUR_TEACHER_PRESETS, ...COLOUR_STUDENT_PRESETS]) expect(validateArch(p.spec, [size, size, 3], 10), `${p.id} at ${size}`).toBeNull();
    }
  });

  it('count the small CNN student by hand on 32×32×3: 20,186 parameters', () => {
    const student = COLOUR_STUDENT_PRESETS.find((p) => p.id === 'colour-cnn-small')!.spec;
    // conv8 on 3 channels 3·3·3·8 + 8 = 224; conv16 3·3·8·16 + 16 = 1,168; 32 → 30 → 15 → 13 → 6: 6·6·16 = 576 → dense32
    // 576·32 + 32 = 18,464; output 32·10 + 10 = 330.
    expect(paramCount(student, [32, 32, 3], 10)).toBe(224 + 1168 + 18464 + 330);
    expect(sizeKB(student, [32, 32, 3], 10)).toBeCloseTo((20186 * 4) / 1024, 9);
    // FLOPs: 2 × multiply-adds: 30·30·8·27 + 13·13·16·72 + 576·32 + 32·10.
    expect(flopsPerExample(student, [32, 32, 3], 10)).toBe(2 * (30 * 30 * 8 * 27 + 13 * 13 * 16 * 72 + 576 * 32 + 32 * 10));
    const teacher = COLOUR_TEACHER_PRESETS[0]!.spec;
    expect(paramCount(teacher, [32, 32, 3], 10)).toBeGreaterThan(5 * paramCount(student, [32, 32, 3], 10));
  });

  it('are the menus of the colour set, which gets the image learning rate and every example for the students', () => {
    expect(familyOf('colour-shapes')).toBe('colour');
    expect(familyOf('mnist')).toBe('image');
    expect(presetsFor('colour').teachers).toBe(COLOUR_TEACHER_PRESETS);
    const c = withFamilyDefaults(DEFAULT_CONFIG, { dataset: 'colour-shapes' });
    expect(c.learningRate).toBe(IMAGE_LEARNING_RATE);
    expect(c.transferSize).toBe(0);
    expect(menuPreset(c, 'teacher').id).toBe('colour-vgg-bn');
    expect(menuPreset(c, 'student').id).toBe('colour-cnn-small');
    // MNIST → colour keeps the image defaults; back to a toy set restores the toy learning rate.
    expect(withFamilyDefaults({ ...c, dataset: 'mnist' }, { dataset: 'colour-shapes' }).learningRate).toBe(IMAGE_LEARNING_RATE);
    expect(withFamilyDefaults(c, { dataset: 'spiral' }).learningRate).toBe(DEFAULT_CONFIG.learningRate);
  });

  it('flip reaches the engine for colour pictures only, never for digits', () => {
    expect(toExperimentConfig({ ...DEFAULT_CONFIG, dataset: 'colour-shapes', flip: true }).flip).toBe(true);
    expect(toExperimentConfig({ ...DEFAULT_CONFIG, dataset: 'mnist', flip: true }).flip).toBe(false);
    expect(toExperimentConfig({ ...DEFAULT_CONFIG, dataset: 'colour-shapes', flip: false }).flip).toBe(false);
  });
});
