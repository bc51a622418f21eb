import { describe, expect, it } from 'vitest';
import { planSegments, segmentIndex } from '../../src/store/progress';
import { toyConfig } from './toyConfig';

describe('progress segments of a teacher ensemble and a teaching assistant', () => {
  const cfg = toyConfig({ ensemble: { size: 3 }, assistant: { kind: 'mlp', hidden: [12], activation: 'tanh' }, repeats: 2 });
  const segments = planSegments(cfg);

  it('plan: teacher, teachers 2 and 3, the assistant, then the students and the next seed', () => {
    expect(segments.map((s) => `${s.phase}${s.team ? `:${s.team}` : ''}`)).toEqual([
      'teacher',
      'teacher:ensemble',
      'teacher:ensemble',
      'distill:assistant',
      'scratch',
      'distill',
      'scratch',
      'distill',
    ]);
  });

  it('each announced phase starts its own segment', () => {
    expect(segmentIndex(segments, 'teacher', null, 2)).toBe(0);
    expect(segmentIndex(segments, 'teacher', { kind: 'ensemble', member: 2, of: 3 }, 2)).toBe(1);
    expect(segmentIndex(segments, 'teacher', { kind: 'ensemble', member: 3, of: 3 }, 2)).toBe(2);
    expect(segmentIndex(segments, 'distill', { kind: 'assistant' }, 2)).toBe(3);
    expect(segmentIndex(segments, 'scratch', null, 2)).toBe(4);
    expect(segmentIndex(segments, 'distill', null, 2)).toBe(5);
    expect(segmentIndex(segments, 'distill', { kind: 'seed', seed: 2, of: 2 }, 2)).toBe(7);
  });

  it('without either, the plan is the usual three phases', () => {
    expect(planSegments(toyConfig()).map((s) => s.phase)).toEqual(['teacher', 'scratch', 'distill']);
    expect(planSegments(toyConfig()).some((s) => s.team)).toBe(false);
  });
});

describe('the status line names the ensemble’s teachers and the assistant', () => {
  it('in English and Chinese', async () => {
    const { i18n } = await import('../../src/ui/i18n');
    const { describeContext } = await import('../../src/ui/phaseContextText');
    const en = i18n.getFixedT('en', 'app');
    const zh = i18n.getFixedT('zh-CN', 'app');
    expect(describeContext({ kind: 'ensemble', member: 2, of: 3 }, en)).toBe('ensemble teacher 2 of 3');
    expect(describeContext({ kind: 'ensemble', member: 2, of: 3 }, zh)).toBe('集成中的第 2 个教师，共 3 个');
    expect(describeContext({ kind: 'assistant' }, en)).toBe('teaching assistant: the teacher distilled into it');
    expect(describeContext({ kind: 'assistant' }, zh)).toBe('助教模型：由教师蒸馏而来');
  });
});

describe('the assistant’s curves in the store and the loss chart', () => {
  it('its loss points and epochs fill their own fields, drawn on the students’ epoch axis', async () => {
    const { mergeEpochs, mergeLosses } = await import('../../src/store/runState');
    const { lossSeries } = await import('../../src/ui/charts/lossSeries');
    const rows = mergeLosses([], [
      { phase: 'teacher', step: 1, total: 2, soft: 0, hard: 2, hint: 0 },
      { phase: 'assistant', step: 1, total: 0.9, soft: 0.6, hard: 0.3, hint: 0 },
      { phase: 'assistant', step: 2, total: 0.7, soft: 0.5, hard: 0.2, hint: 0 },
    ]);
    expect(rows).toEqual([{ step: 1, teacher: 2, assistant: 0.9 }, { step: 2, assistant: 0.7 }]);
    expect(mergeEpochs([], [{ phase: 'assistant', epoch: 1, testAccuracy: 0.8, testLoss: 0.5, agreement: 0.9 }])).toEqual([{ epoch: 1, assistant: 0.8 }]);
    // Two steps per epoch for the students (and so the assistant), 10 for the teacher.
    const series = lossSeries(rows, { teacher: 10, distill: 2 }, 1, 100);
    expect(series.assistant.map((p) => p.x)).toEqual([0.5, 1]);
    expect(series.teacher.map((p) => p.x)).toEqual([0.1]);
  });
});
