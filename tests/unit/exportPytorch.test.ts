import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hiddenLayerOptions } from '../../src/engine/models/spec';
import { toPyTorchScript, type PyTorchExportSpec } from '../../src/engine/export/pytorchScript';
import { pyStr } from '../../src/engine/export/pythonLiteral';
import { CSV_CNN, EVIL_NAME, FASHION, MNIST_CNN, MOONS, SPIRAL, pyCompile, write } from './pytorchSpecs';

describe('PyTorch script export', () => {
  const cases: [string, PyTorchExportSpec][] = [
    ['spiral_mlp_kl_adam', SPIRAL],
    ['mnist_cnn_mse_sgd_hint', MNIST_CNN],
    ['fashion_cnn_kl_noT2_hint', FASHION],
    ['csv_cnn_evil_name', CSV_CNN],
    ['moons_mse', MOONS],
    ['circles', { ...MOONS, dataset: 'circles' }],
    ['xor', { ...MOONS, dataset: 'xor' }],
    ['blobs', { ...SPIRAL, dataset: 'blobs', numClasses: 4 }],
  ];

  it.each(cases)('%s compiles with python3 -m py_compile', (name, spec) => {
    const script = toPyTorchScript(spec);
    const result = pyCompile(write(name, script));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('writes the settings, loss and layer sizes of an MLP experiment', () => {
    const s = toPyTorchScript(SPIRAL);
    expect(s).toContain('DATASET = "spiral"');
    expect(s).toContain('INPUT_SHAPE = (2,)');
    expect(s).toContain('NUM_CLASSES = 3');
    expect(s).toContain('TEMPERATURE = 4.0');
    expect(s).toContain('ALPHA = 0.7');
    expect(s).toContain('SCALE_BY_T2 = True');
    expect(s).toContain('SOFT_TERM = "kl"');
    expect(s).toContain('OPTIMIZER = "adam"');
    expect(s).toContain('LEARNING_RATE = 0.02');
    expect(s).toContain('EPOCHS = 3');
    expect(s).toContain('BATCH_SIZE = 32');
    expect(s).toContain('SEED = 11');
    expect(s).toContain('SAMPLES = 300');
    expect(s).toContain('USE_HINT = False');
    expect(s).toContain('return kl * T ** 2 if SCALE_BY_T2 else kl');
    expect(s).toContain('ALPHA * soft_term(z_s, z_t) + (1 - ALPHA) * F.cross_entropy(z_s, yb)');
    expect(s).toContain('nn.Linear(2, 64)');
    expect(s).toContain('nn.Linear(64, 64)');
    expect(s).toContain('nn.Linear(64, 3)');
    expect(s).toContain('nn.Linear(2, 8)');
    expect(s).toContain('nn.Linear(8, 3)');
    expect(s).toContain('nn.Tanh()');
    expect(s).toContain('nn.Dropout(p=0.1)');
    expect(s).toContain('torch.optim.Adam(params, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-7)');
    expect(s).toContain('(4547 parameters');
    expect(s).toContain('distilled.load_state_dict(student_init)');
  });

  it('translates a CNN channels-last, with valid convolutions, batch norm and the hint adapter', () => {
    const s = toPyTorchScript(MNIST_CNN);
    expect(s).toContain('nn.Conv2d(1, 32, kernel_size=3, stride=1, padding=0, bias=False)');
    expect(s).toContain('nn.BatchNorm2d(32, eps=1e-3, momentum=0.01)');
    expect(s).toContain('nn.MaxPool2d(kernel_size=2, stride=2)');
    expect(s).toContain('nn.Conv2d(32, 64, kernel_size=3, stride=1, padding=0, bias=True)');
    expect(s).toContain('nn.Linear(1600, 128)'); // 5 × 5 × 64 after two conv+pool blocks
    expect(s).toContain('nn.Dropout(p=0.5)');
    expect(s).toContain('nn.Linear(128, 10)');
    expect(s).toContain('nn.Linear(784, 64)'); // the MLP student flattens the image first
    expect(s).toContain('nn.GELU()');
    expect(s).toContain('datasets.MNIST(DATA_DIR, train=True, download=True)');
    expect(s).toContain('The studio trains on a fixed 8,000 / 2,000 subset of MNIST');
    expect(s).toContain('SOFT_TERM = "mse"');
    expect(s).toContain('return F.mse_loss(z_s, z_t)');
    expect(s).toContain('OPTIMIZER = "sgd"');
    expect(s).toContain('USE_HINT = True');
    expect(s).toContain('HINT_BETA = 0.25');
    const teacherWidths = hiddenLayerOptions(MNIST_CNN.teacher, MNIST_CNN.inputShape).map((o) => o.width);
    expect(teacherWidths).toEqual([13 * 13 * 32, 5 * 5 * 64, 128]);
    expect(s).toContain('HINT_TEACHER_WIDTH = 128');
    expect(s).toContain('HINT_STUDENT_WIDTH = 64');
    expect(s).toContain('nn.Linear(HINT_STUDENT_WIDTH, HINT_TEACHER_WIDTH)');
    expect(s).toContain('HINT_BETA * F.mse_loss(guess, flat_channels_last(h_t[HINT_TEACHER_BLOCK]))');
    // taps: teacher blocks end at pool 1 (module 3), pool 2 (6) and the dense activation (9).
    expect(s).toContain('], taps=[3, 6, 9])');
    expect(s).toContain('x = x.permute(0, 2, 3, 1)');
  });

  it('inserts the flatten a dense layer needs and uses FashionMNIST', () => {
    const s = toPyTorchScript(FASHION);
    expect(s).toContain('datasets.FashionMNIST(DATA_DIR, train=False, download=True)');
    expect(s).toContain('nn.Conv2d(1, 8, kernel_size=5, stride=2, padding=0, bias=True)');
    expect(s).toContain('nn.Linear(1152, 32)'); // 12 × 12 × 8
    expect(s).toContain('SCALE_BY_T2 = False');
    expect(s).toContain('HINT_TEACHER_WIDTH = 5408'); // 13 × 13 × 32
    expect(s).toContain('HINT_STUDENT_WIDTH = 1152');
  });

  it('escapes user-provided names so they cannot break out of a string', () => {
    const s = toPyTorchScript(CSV_CNN);
    expect(s).toContain(`DATASET = ${pyStr(EVIL_NAME)}`);
    expect(s).not.toContain('\n""" ; import os');
    expect(s).not.toContain('\u2028');
    expect(s).toContain('TRAIN_CSV = "train.csv"');
    // Python reads the literal back as exactly the original text.
    const r = spawnSync('python3', ['-c', `import sys; sys.stdout.buffer.write(${pyStr(EVIL_NAME)}.encode("utf-8", "surrogatepass"))`], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(EVIL_NAME);
  });

  it('rejects specs it cannot turn into a script, with a clear reason', () => {
    expect(() => toPyTorchScript({ ...SPIRAL, learningRate: Number.NaN })).toThrow(/Learning rate/);
    expect(() => toPyTorchScript({ ...SPIRAL, epochs: 0 })).toThrow(/Epochs/);
    expect(() => toPyTorchScript({ ...SPIRAL, loss: { ...SPIRAL.loss, alpha: 2 } })).toThrow(/Alpha/);
    expect(() => toPyTorchScript({ ...SPIRAL, loss: { ...SPIRAL.loss, hint: { teacherLayer: 5, studentLayer: 0, beta: 1 } } })).toThrow(
      /teacher has 2 hidden blocks/,
    );
    expect(() => toPyTorchScript({ ...SPIRAL, teacher: { kind: 'cnn', layers: [{ type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'relu' }] } })).toThrow(
      /image input/,
    );
  });

});
