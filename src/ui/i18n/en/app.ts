/** English messages of the "app" namespace (the reference catalogue: zh-CN must have the same keys). */
export const app = {
  title: 'Distill Studio',
  tagline: 'Knowledge distillation in your browser: a teacher, a student from scratch, and a distilled student, side by side.',
  settings: 'Experiment settings',
} as const;
