import type { DatasetId } from '../engine/data/registry';
import type { StudioConfig } from './configFields';

/** A dataset's demo recipe: the settings under which distillation's effect is clear (or clearly absent). */
export interface Recipe {
  id: string;
  label: string;
  /** One sentence on what the recipe shows. */
  note: string;
  settings: Partial<StudioConfig>;
}

/**
 * Recipes per image dataset, after a reference PyTorch study: with a CNN teacher and an unregularised
 * 784→800→800→10 student distilled on a 1,000-example transfer set, distillation beat scratch on every seed;
 * a tiny 784→32→10 student gained nothing — kept as the honest contrast.
 */
export const RECIPES: Partial<Record<DatasetId, readonly Recipe[]>> = {
  mnist: [
    {
      id: 'mnist-kd',
      label: 'CNN teacher (±2 px shifts) → MLP 800·800 on 1,000 digits, T=20, α=0.9',
      note: 'The setting where distillation clearly beats training from scratch.',
      settings: { teacherId: 'cnn-32-64-128', studentId: 'mlp-800-800', teacherCustom: null, studentCustom: null, augment: 'teacher', transferSize: 1000, temperature: 20, alpha: 0.9, epochs: 10, batchSize: 64, learningRate: 0.001, repeats: 3 },
    },
    {
      id: 'mnist-mlp100',
      label: 'CNN teacher → MLP 100, T=4, α=0.7',
      note: 'A strongly compressed student that still benefits from the soft targets.',
      settings: { teacherId: 'cnn-32-64-128', studentId: 'mlp-100', teacherCustom: null, studentCustom: null, augment: 'teacher', transferSize: 0, temperature: 4, alpha: 0.7, epochs: 10, batchSize: 64, learningRate: 0.001 },
    },
    {
      id: 'mnist-tiny',
      label: 'Contrast: CNN teacher → tiny MLP 32 on 1,000 digits, T=20, α=0.9',
      note: 'Too small to absorb what the teacher knows: distillation gains little or nothing.',
      settings: { teacherId: 'cnn-32-64-128', studentId: 'mlp-32', teacherCustom: null, studentCustom: null, augment: 'teacher', transferSize: 1000, temperature: 20, alpha: 0.9, epochs: 10, batchSize: 64, learningRate: 0.001, repeats: 3 },
    },
    {
      id: 'mnist-hinton',
      label: 'Hinton 2015: MLP 1200·1200 (dropout) → MLP 800·800',
      note: "The paper's own pair of networks.",
      settings: { teacherId: 'hinton-mlp-1200-1200', studentId: 'mlp-800-800', teacherCustom: null, studentCustom: null, augment: 'teacher', transferSize: 0, temperature: 20, alpha: 0.9, epochs: 10, batchSize: 64, learningRate: 0.001 },
    },
  ],
  'fashion-mnist': [
    {
      id: 'fashion-kd',
      label: 'CNN teacher → MLP 800·800, T=2, α=0.5',
      note: 'The same CNN teacher without shifts; distillation helps the wide student.',
      settings: { teacherId: 'cnn-32-64-128', studentId: 'mlp-800-800', teacherCustom: null, studentCustom: null, augment: 'off', transferSize: 0, temperature: 2, alpha: 0.5, epochs: 5, batchSize: 128, learningRate: 0.001 },
    },
    {
      id: 'fashion-mlp100',
      label: 'CNN teacher → MLP 100, T=2, α=0.5',
      note: 'A compressed student on clothing images.',
      settings: { teacherId: 'cnn-32-64-128', studentId: 'mlp-100', teacherCustom: null, studentCustom: null, augment: 'off', transferSize: 0, temperature: 2, alpha: 0.5, epochs: 5, batchSize: 128, learningRate: 0.001 },
    },
    {
      id: 'fashion-tiny',
      label: 'Contrast: CNN teacher → tiny MLP 32, T=2, α=0.5',
      note: 'The tiny student gained nothing here in the reference study.',
      settings: { teacherId: 'cnn-32-64-128', studentId: 'mlp-32', teacherCustom: null, studentCustom: null, augment: 'off', transferSize: 0, temperature: 2, alpha: 0.5, epochs: 5, batchSize: 128, learningRate: 0.001 },
    },
  ],
};
