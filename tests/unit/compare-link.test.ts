import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, sanitizeConfig } from '../../src/store/configFields';
import { toExperimentConfig } from '../../src/store/configSlice';
import { parseHash, serializeHash } from '../../src/store/urlHash';

describe('the method comparison in the link', () => {
  it('round-trips methods and seeds, and reaches the engine config', () => {
    const config = { ...DEFAULT_CONFIG, compare: true, compareMethods: ['kl', 'dkd', 'rkd'] as ('kl' | 'dkd' | 'rkd')[], compareSeeds: 4 };
    const hash = serializeHash(config);
    expect(hash).toBe('#compare=1&methods=kl,dkd,rkd&compareSeeds=4');
    const parsed = parseHash(hash);
    expect(parsed.notices).toEqual([]);
    expect(parsed.config).toEqual(config);
    expect(toExperimentConfig(parsed.config).compare).toEqual({ methods: ['kl', 'dkd', 'rkd'], seeds: 4 });
  });

  it('leaves AT out for an MLP pair, and is absent when off (old links and saved runs keep their shape)', () => {
    const parsed = parseHash('#compare=1&methods=at,kl');
    expect(parsed.notices).toEqual([]);
    expect(toExperimentConfig(parsed.config).compare).toEqual({ methods: ['kl'], seeds: 3 });
    expect(toExperimentConfig(parseHash('#compare=1&methods=at').config)).not.toHaveProperty('compare');
    expect(toExperimentConfig(parseHash('#T=4').config)).not.toHaveProperty('compare');
  });

  it('replaces an unknown or repeated method list by the default, with a notice', () => {
    const bad = parseHash('#compare=1&methods=kl,foo');
    expect(bad.config.compareMethods).toEqual(DEFAULT_CONFIG.compareMethods);
    expect(bad.notices).toEqual([{ kind: 'badValue', key: 'methods', value: 'kl,foo', used: 'kl,mse,dkd' }]);
    expect(parseHash('#methods=kl,kl').notices).toHaveLength(1);
    expect(parseHash('#methods=').notices).toHaveLength(1);
    expect(sanitizeConfig({ compareMethods: ['mse', 'lskl'] }).config.compareMethods).toEqual(['mse', 'lskl']);
    expect(sanitizeConfig({ compareMethods: 'kl' }).rejected).toEqual(['compareMethods']);
  });
});
