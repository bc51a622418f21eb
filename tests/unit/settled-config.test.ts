import { beforeEach, describe, expect, it } from 'vitest';
import { useStudio } from '../../src/store';
import { DEFAULT_CONFIG } from '../../src/store/configFields';
import { sameSettled, settledConfigSelector } from '../../src/ui/useSettledConfig';

describe('settings without the live sliders', () => {
  beforeEach(() => useStudio.setState({ config: { ...DEFAULT_CONFIG } }));

  it('tells T and α apart from every other setting', () => {
    const a = { ...DEFAULT_CONFIG };
    expect(sameSettled(a, { ...a })).toBe(true);
    expect(sameSettled(a, { ...a, temperature: a.temperature + 1, alpha: 0.1 })).toBe(true);
    expect(sameSettled(a, { ...a, epochs: a.epochs + 1 })).toBe(false);
    expect(sameSettled(a, { ...a, softTerm: 'mse' })).toBe(false);
    // An object setting counts as changed when it is a new object, as the store writes it.
    expect(sameSettled(a, { ...a, sweepTemperatures: [...a.sweepTemperatures] })).toBe(false);
    const { seed: _seed, ...short } = a;
    expect(sameSettled(a, short as typeof a)).toBe(false);
  });

  it('keeps the same settings object while the sliders move, and takes the new one when another setting changes', () => {
    const select = settledConfigSelector();
    const first = select(useStudio.getState());
    for (const t of [2, 2.5, 3]) {
      useStudio.getState().setConfig({ temperature: t });
      expect(select(useStudio.getState())).toBe(first);
    }
    useStudio.getState().setConfig({ alpha: 0.3 });
    expect(select(useStudio.getState())).toBe(first);
    expect(useStudio.getState().config).not.toBe(first);

    useStudio.getState().setConfig({ epochs: 7 });
    const next = select(useStudio.getState());
    expect(next).not.toBe(first);
    expect(next).toBe(useStudio.getState().config);
    expect(next.epochs).toBe(7);
    // Each selector has its own memory: a new one starts from the store's settings.
    useStudio.getState().setConfig({ temperature: 9 });
    expect(settledConfigSelector()(useStudio.getState())).toBe(useStudio.getState().config);
    expect(select(useStudio.getState())).toBe(next);
  });
});
