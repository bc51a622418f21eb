import { describe, expect, it } from 'vitest';
import { pytorchArch } from '../../src/engine/export/pytorchModel';
import { PyTorchExportError, pytorchExperiment, toPyTorchScript } from '../../src/engine/export/pytorchScript';
import { SPIRAL, pyCompile, write } from './pytorchSpecs';

// The scripts really run in PyTorch in `npm run test:pytorch` (tests/pytorch/teamParity.test.ts); here they are generated and compiled.
describe('PyTorch export of a teacher ensemble and a teaching assistant', () => {
  const assistant = { kind: 'mlp' as const, hidden: [16], activation: 'tanh' as const };

  it('carries them in the experiment only when used, so other runs’ scripts are unchanged', () => {
    const plain = pytorchExperiment(SPIRAL);
    expect('ensemble' in plain).toBe(false);
    expect('assistant' in plain).toBe(false);
    // Off (null) writes the same experiment as absent, apart from the run's own config record.
    const { config: _plainConfig, ...plainRest } = plain;
    const { config: _offConfig, ...offRest } = pytorchExperiment({ ...SPIRAL, ensemble: null, assistant: null });
    expect(offRest).toEqual(plainRest);
    const exp = pytorchExperiment({ ...SPIRAL, ensemble: { size: 4 }, assistant });
    expect(exp.ensemble).toEqual({ size: 4 });
    expect(exp.assistant).toEqual(pytorchArch(assistant, [2], 3));
    // Teachers of their own presets travel in the script's own architecture form, like the teacher.
    const members = pytorchExperiment({ ...SPIRAL, ensemble: { size: 3, members: [assistant, SPIRAL.teacher] } }).ensemble;
    expect(members).toEqual({ size: 3, members: [pytorchArch(assistant, [2], 3), pytorchArch(SPIRAL.teacher, [2], 3)] });
  });

  it.each([
    ['ensemble', { ensemble: { size: 3 } }],
    ['assistant', { assistant }],
    ['both', { ensemble: { size: 2 }, assistant, softTerm: 'mse' as const }],
  ])('the %s script compiles with python3 -m py_compile', (name, o) => {
    const result = pyCompile(write(`team_${name}`, toPyTorchScript({ ...SPIRAL, ...o })));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses the combinations the studio refuses, with its sentence', () => {
    const bad = () => pytorchExperiment({ ...SPIRAL, ensemble: { size: 2 }, hint: { teacherLayer: 0, studentLayer: 0, beta: 1 } });
    expect(bad).toThrow(PyTorchExportError);
    expect(bad).toThrow(/hidden layers, which an ensemble does not have/);
  });
});
