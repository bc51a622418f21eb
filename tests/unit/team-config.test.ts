import { describe, expect, it } from 'vitest';
import { STUDENT_PRESETS, TEACHER_PRESETS } from '../../src/engine/models/presets';
import type { ExperimentResults, ModelResult } from '../../src/engine/train/types';
import { validateConfig } from '../../src/engine/train/validateConfig';
import { DEFAULT_CONFIG } from '../../src/store/configFields';
import { toExperimentConfig } from '../../src/store/configSlice';
import { diffSettings } from '../../src/store/history/compare';
import { decodeHistoryFile, encodeHistoryFile } from '../../src/store/history/historyFile';
import { recordFromRun, runFromRecord } from '../../src/store/history/fromRun';
import { IDLE_RUN, type RunState } from '../../src/store/runState';
import { parseHash, serializeHash } from '../../src/store/urlHash';

const model = (accuracy: number, params = 10): ModelResult => ({ accuracy, loss: 0.3, agreement: null, params, ece: 0.02, trainMs: 1 });

describe('the ensemble and the assistant in the link', () => {
  it('round-trip: ensemble=3&ta=1&taModel=mlp-8-8, back to the same settings and engine config', () => {
    const config = { ...DEFAULT_CONFIG, ensembleSize: 3, assistantEnabled: true, assistantId: 'mlp-8-8' };
    const hash = serializeHash(config);
    expect(hash).toBe('#ensemble=3&ta=1&taModel=mlp-8-8');
    const parsed = parseHash(hash);
    expect(parsed.notices).toEqual([]);
    expect(parsed.config).toEqual(config);
    const experiment = toExperimentConfig(parsed.config);
    expect(experiment.ensemble).toEqual({ size: 3 });
    expect(experiment.assistant).toEqual(STUDENT_PRESETS.find((p) => p.id === 'mlp-8-8')!.spec);
    expect(validateConfig(experiment)).toBeNull();
  });

  it('teachers of other presets: ensembleModels= round-trips, becomes the members’ architectures, and a preset of another family is the teacher’s', () => {
    const config = { ...DEFAULT_CONFIG, ensembleSize: 3, ensembleTeacherIds: ['mlp-128-128', 'same'] };
    const hash = serializeHash(config);
    expect(hash).toBe('#ensemble=3&ensembleModels=mlp-128-128,same');
    const parsed = parseHash(hash);
    expect(parsed.notices).toEqual([]);
    expect(parsed.config).toEqual(config);
    const experiment = toExperimentConfig(parsed.config);
    expect(experiment.ensemble).toEqual({ size: 3, members: [TEACHER_PRESETS.find((p) => p.id === 'mlp-128-128')!.spec, experiment.teacher] });
    expect(validateConfig(experiment)).toBeNull();
    // A shorter list: the rest are the teacher; a digits preset on the spiral is not of its family: the teacher too.
    expect(toExperimentConfig({ ...config, ensembleSize: 4, ensembleTeacherIds: ['cnn-small'] }).ensemble).toEqual({ size: 4, members: [experiment.teacher, experiment.teacher, experiment.teacher] });
    expect(parseHash('#ensemble=3&ensembleModels=nope').notices.map((n) => n.kind === 'badValue' && n.key)).toEqual(['ensembleModels']);
  });

  it('an old link (neither key) loads with both off, and the engine config has neither field', () => {
    const parsed = parseHash('#T=4&alpha=0.5');
    expect(parsed.config.ensembleSize).toBe(1);
    expect(parsed.config.assistantEnabled).toBe(false);
    const experiment = toExperimentConfig(parsed.config);
    expect('ensemble' in experiment).toBe(false);
    expect('assistant' in experiment).toBe(false);
  });

  it('bad values fall back to the defaults with a notice', () => {
    const parsed = parseHash('#ensemble=9&taModel=nope');
    expect(parsed.config.ensembleSize).toBe(1);
    expect(parsed.config.assistantId).toBe(DEFAULT_CONFIG.assistantId);
    expect(parsed.notices.map((n) => n.kind === 'badValue' && n.key)).toEqual(['ensemble', 'taModel']);
  });

  it('an assistant id of another dataset family falls back to that family’s first student', () => {
    const experiment = toExperimentConfig({ ...DEFAULT_CONFIG, dataset: 'mnist', assistantEnabled: true, assistantId: 'mlp-8-8' });
    expect(experiment.assistant).toBeTruthy();
    expect(validateConfig(experiment)).toBeNull();
  });
});

describe('the ensemble and the assistant in the history', () => {
  const results: ExperimentResults = {
    teacher: model(0.9, 100),
    scratch: model(0.7),
    distilled: model(0.8),
    gainPoints: 10,
    samples: [],
    seeds: null,
    sweep: null,
    latency: null,
    trainCounts: { teacher: 100, students: 60 },
    ensemble: { members: [model(0.9, 100), model(0.88, 100)], combined: model(0.92, 200) },
    assistant: { ...model(0.85, 40), agreement: 0.9 },
  };
  const run: RunState = {
    ...IDLE_RUN,
    id: 4,
    status: 'done',
    config: toExperimentConfig({ ...DEFAULT_CONFIG, ensembleSize: 2, assistantEnabled: true }),
    results,
  };

  it('a saved run keeps its config and its four models’ and teachers’ results, through the history file too', () => {
    const record = recordFromRun(run, null, 1000)!;
    const shown = runFromRecord(record);
    expect(shown.config?.ensemble).toEqual({ size: 2 });
    expect(shown.config?.assistant).toEqual(run.config?.assistant);
    expect(shown.results?.ensemble).toEqual(results.ensemble);
    expect(shown.results?.assistant).toEqual(results.assistant);
    const [back] = decodeHistoryFile(encodeHistoryFile([record]));
    expect(back!.config).toEqual(record.config);
    expect(back!.results).toEqual(results);
  });

  it('comparing with a plain run names the ensemble and the assistant as differences', () => {
    const plain = toExperimentConfig(DEFAULT_CONFIG);
    const paths = diffSettings(plain, run.config!).map((d) => d.path);
    expect(paths).toContain('ensemble.size');
    expect(paths.some((p) => p.startsWith('assistant.'))).toBe(true);
  });
});

describe('a checkpoint of a run with an ensemble or an assistant', () => {
  it('fits only the same ensemble and assistant (off, absent or null alike)', async () => {
    const { resumeConflicts } = await import('../../src/engine/train/resumeFit');
    const plain = toExperimentConfig(DEFAULT_CONFIG);
    const team = toExperimentConfig({ ...DEFAULT_CONFIG, ensembleSize: 3, assistantEnabled: true });
    expect(resumeConflicts(plain, { ...plain, ensemble: null, assistant: null })).toEqual([]);
    expect(resumeConflicts(team, team)).toEqual([]);
    expect(resumeConflicts(plain, team)).toEqual(['ensemble', 'assistant']);
    expect(resumeConflicts(team, { ...team, ensemble: { size: 2 } })).toEqual(['ensemble']);
  });
});
