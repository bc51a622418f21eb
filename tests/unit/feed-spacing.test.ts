import { describe, expect, it } from 'vitest';
import { FeedSpacing } from '../../src/worker/feedSpacing';

describe('FeedSpacing', () => {
  it('passes each phase’s first and last epoch and one epoch per spacing in between', () => {
    let clock = 0;
    const s = new FeedSpacing(10, 400, () => clock);
    const passed: number[] = [];
    // Epochs every 150 ms: 1 (t=0) passes, 2 (150) and 3 (300) not, 4 (450) does, …, 10 is the last.
    for (let epoch = 1; epoch <= 10; epoch++) {
      if (s.allow(epoch)) passed.push(epoch);
      clock += 150;
    }
    expect(passed).toEqual([1, 4, 7, 10]);
    // The next phase starts again at epoch 1, at once.
    expect(s.allow(1)).toBe(true);
    clock += 10;
    expect(s.allow(2)).toBe(false);
  });

  it('passes every epoch when epochs are slower than the spacing', () => {
    let clock = 0;
    const s = new FeedSpacing(5, 400, () => clock);
    const passed: number[] = [];
    for (let epoch = 1; epoch <= 5; epoch++) {
      if (s.allow(epoch)) passed.push(epoch);
      clock += 1000;
    }
    expect(passed).toEqual([1, 2, 3, 4, 5]);
  });
});
