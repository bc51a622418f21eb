import { describe, expect, it } from 'vitest';
import { pytorchExperiment } from '../../src/engine/export/pytorchScript';
import { DEFAULT_CONFIG, sanitizeConfig } from '../../src/store/configFields';
import { toExperimentConfig } from '../../src/store/configSlice';
import { diffSettings } from '../../src/store/history/compare';
import { parseHash, serializeHash } from '../../src/store/urlHash';
import { toyConfig } from './toyConfig';

const NEW_KEYS = ['dkd', 'logitStandardize', 'attention', 'rkd'];

describe('the new methods in settings, link, history and exports', () => {
  it('a classic run’s experiment and PyTorch loss keep their shape (no new keys)', () => {
    const cfg = toExperimentConfig(DEFAULT_CONFIG);
    for (const k of NEW_KEYS) expect(cfg).not.toHaveProperty(k);
    expect(Object.keys(pytorchExperiment(toyConfig()).loss as object)).toEqual(['soft', 'temperature', 'alpha', 'scaleByT2', 'hint']);
  });

  it('settings become the engine’s config; standardisation is dropped for MSE', () => {
    const c = {
      ...DEFAULT_CONFIG,
      softTerm: 'dkd' as const,
      dkdAlpha: 0.5,
      dkdBeta: 4,
      dkdWarmup: 3,
      logitStandardize: true,
      atEnabled: true,
      atTeacherLayers: [0, 1],
      atStudentLayers: [0, 0],
      atBeta: 500,
      rkdEnabled: true,
      rkdSource: 'hidden' as const,
      rkdTeacherLayer: 1,
      rkdStudentLayer: 0,
      rkdAngle: 0,
    };
    const cfg = toExperimentConfig(c);
    expect(cfg.dkd).toEqual({ alpha: 0.5, beta: 4, warmup: 3 });
    expect(cfg.logitStandardize).toBe(true);
    expect(cfg.attention).toEqual({ teacherLayers: [0, 1], studentLayers: [0, 0], beta: 500 });
    expect(cfg.rkd).toEqual({ distanceWeight: 25, angleWeight: 0, source: 'hidden', teacherLayer: 1, studentLayer: 0 });
    expect(toExperimentConfig({ ...c, softTerm: 'mse' }).logitStandardize).toBeUndefined();
    expect(toExperimentConfig({ ...c, softTerm: 'kl' }).dkd).toBeUndefined();
    // The link carries them back exactly; out-of-range values are refused.
    expect(parseHash(serializeHash(c)).config).toEqual(c);
    expect(sanitizeConfig({ dkdBeta: -1, atTeacherLayers: [0.5], rkdSource: 'pixels' }).rejected).toEqual(['dkdBeta', 'atTeacherLayers', 'rkdSource']);
    // History's comparison lists each differing setting by path.
    const paths = diffSettings(toExperimentConfig(DEFAULT_CONFIG), cfg).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['softTerm', 'dkd.beta', 'logitStandardize', 'attention.beta', 'rkd.source']));
  });

  it('the PyTorch export carries the methods and refuses what the studio refuses', () => {
    const loss = pytorchExperiment(
      toyConfig({ softTerm: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 2 }, logitStandardize: true, rkd: { distanceWeight: 25, angleWeight: 50, source: 'logits', teacherLayer: 0, studentLayer: 0 } }),
    ).loss as Record<string, unknown>;
    expect(loss).toMatchObject({ soft: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 2 }, standardize: true, rkd: { source: 'logits', distanceWeight: 25, angleWeight: 50 } });
    expect(() => pytorchExperiment(toyConfig({ attention: { teacherLayers: [0], studentLayers: [0], beta: 1000 } }))).toThrow(/the student is an MLP/);
  });
});
