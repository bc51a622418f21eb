import { describe, expect, it } from 'vitest';
import { i18n } from '../../src/ui/i18n';
import { describeHalt } from '../../src/ui/survive/haltText';
import { LossDivergedError } from '../../src/engine/train/errors';

const en = i18n.getFixedT('en', 'survive');
const zh = i18n.getFixedT('zh-CN', 'survive');

describe('describeHalt', () => {
  it('words a NaN, an infinite and an exploded loss with phase and step, in English as before and in Chinese', () => {
    expect(describeHalt({ reason: 'diverged', phase: 'distill', step: 812, value: Number.NaN }, en)).toBe(
      'Loss became NaN at step 812 of distillation: try a lower learning rate.',
    );
    expect(describeHalt({ reason: 'diverged', phase: 'distill', step: 812, value: Number.NaN }, zh)).toBe('损失在蒸馏的第 812 步变为 NaN：请尝试更低的学习率。');
    expect(describeHalt({ reason: 'diverged', phase: 'scratch', step: 3, value: -Infinity }, en)).toBe(
      'Loss became -Infinity at step 3 of scratch student training: try a lower learning rate.',
    );
    expect(describeHalt({ reason: 'diverged', phase: 'scratch', step: 3, value: Infinity }, zh)).toBe('损失在从零训练学生模型的第 3 步变为 Infinity：请尝试更低的学习率。');
    expect(describeHalt({ reason: 'diverged', phase: 'teacher', step: 2, value: 1.6e7 }, en)).toBe(
      'Loss exploded to 1.6e+7 at step 2 of teacher training: try a lower learning rate.',
    );
    expect(describeHalt({ reason: 'diverged', phase: 'teacher', step: 2, value: 1.6e7 }, zh)).toBe('损失在教师模型训练的第 2 步暴增至 1.6e+7：请尝试更低的学习率。');
  });

  it('matches the engine’s own English message for the same divergence', () => {
    for (const [phase, step, value] of [['teacher', 5, Number.NaN], ['scratch', 7, Infinity], ['distill', 9, -3.2e9]] as const) {
      expect(describeHalt({ reason: 'diverged', phase, step, value }, en)).toBe(new LossDivergedError(phase, step, value).message);
    }
  });

  it('shows a crashed worker’s message as it came', () => {
    expect(describeHalt({ reason: 'crashed', message: 'The training worker stopped.' }, zh)).toBe('The training worker stopped.');
  });
});
