import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { runBenchRecipe } from '../../src/engine/train/benchRecipe';
it('bench', async () => {
  setWasmPaths(process.cwd() + '/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  await tf.setBackend(process.env.B ?? 'wasm');
  const f = await runBenchRecipe({ teacherSteps: 40, studentSteps: 600, budgetMs: 4000 }, Number(process.env.R ?? 5));
  console.log('BENCH', tf.getBackend(), Math.round(f.teacher.examplesPerSecond), Math.round(f.scratch.examplesPerSecond), Math.round(f.distill.examplesPerSecond), 'steps/s', Math.round(f.distill.examplesPerSecond / 128));
}, 300000);
