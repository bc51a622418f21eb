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
