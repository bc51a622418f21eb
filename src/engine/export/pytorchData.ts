import { pyFloat, pyInt, pyStr } from './pythonLiteral';

const EVEN_CLASSES = `def even_classes(count, classes):
    """Class of each point when count points are spread evenly, in contiguous runs, over the classes."""
    return np.minimum((np.arange(count) * classes) // count, classes - 1)`;

/** Toy 2-D generators the script carries (numpy only, no scikit-learn): the studio's recipes, keyed by dataset id. */
const TOY_GENERATORS: Readonly<Record<string, string>> = {
  spiral: `def generate(rng, count, classes, noise):
    """Interleaved spiral arms (radius 0..1, each arm turns 4 radians)."""
    per_class = count // classes
    xs, ys = [], []
    for c in range(classes):
        n = count - c * per_class if c == classes - 1 else per_class
        r = np.linspace(0.0, 1.0, n) if n > 1 else np.zeros(n)
        theta = c * 2.0 * np.pi / classes + r * 4.0
        xs.append(np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1))
        ys.append(np.full(n, c))
    x = np.concatenate(xs) + noise * rng.standard_normal((count, 2))
    return x, np.concatenate(ys)`,
  circles: `${EVEN_CLASSES}


def generate(rng, count, classes, noise):
    """A disc of radius 0.5 (class 0) inside a ring of radii 0.7..1 (class 1)."""
    y = even_classes(count, 2)
    r = np.where(y == 0, rng.uniform(0.0, 0.5, count), rng.uniform(0.7, 1.0, count))
    theta = rng.uniform(0.0, 2.0 * np.pi, count)
    x = np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1)
    return x + noise * rng.standard_normal((count, 2)), y`,
  xor: `${EVEN_CLASSES}


def generate(rng, count, classes, noise):
    """XOR quadrants in [-1, 1]^2 (0.05 kept free along the axes): class 0 where x * y > 0, class 1 where x * y < 0."""
    y = even_classes(count, 2)
    sx = np.where(rng.random(count) < 0.5, -1.0, 1.0)
    sy = np.where(y == 0, sx, -sx)
    x = np.stack([sx * rng.uniform(0.05, 1.0, count), sy * rng.uniform(0.05, 1.0, count)], axis=1)
    return x + noise * rng.standard_normal((count, 2)), y`,
  blobs: `${EVEN_CLASSES}


def generate(rng, count, classes, noise):
    """One Gaussian blob per class (sd 0.1 + noise), centres 0.6 from the origin, evenly spaced from 45 degrees."""
    y = even_classes(count, classes)
    angle = np.pi / 4 + 2.0 * np.pi * y / classes
    centres = 0.6 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return centres + (0.1 + noise) * rng.standard_normal((count, 2)), y`,
  moons: `${EVEN_CLASSES}


def generate(rng, count, classes, noise):
    """Two interleaving half circles (scikit-learn's make_moons), scaled into [-1, 1] x [-0.5, 0.5]."""
    y = even_classes(count, 2)
    t = rng.uniform(0.0, np.pi, count)
    px = np.where(y == 0, np.cos(t), 1.0 - np.cos(t))
    py = np.where(y == 0, np.sin(t), 0.5 - np.sin(t))
    x = np.stack([(px - 0.5) / 1.5, (py - 0.25) / 1.5], axis=1)
    return x + noise * rng.standard_normal((count, 2)), y`,
};

/** Dataset ids the script loads with torchvision, and the torchvision class for each. */
const TORCHVISION: Readonly<Record<string, string>> = { mnist: 'MNIST', 'fashion-mnist': 'FashionMNIST' };

/** How the generated script obtains its data. */
export type DataSource = 'torchvision' | 'toy' | 'csv';

/** Which loader a dataset gets: torchvision for MNIST-style ids, a numpy generator for known 2-D sets, else CSV. */
export function dataSourceFor(datasetId: string, inputShape: readonly number[]): DataSource {
  if (Object.hasOwn(TORCHVISION, datasetId)) return 'torchvision';
  if (Object.hasOwn(TOY_GENERATORS, datasetId) && inputShape.length === 1 && inputShape[0] === 2) return 'toy';
  return 'csv';
}

/** Options of the generated data section. */
export interface DataCodeOptions {
  datasetId: string;
  inputShape: readonly number[];
  /** Points to generate for toy sets. */
  samples: number;
  /** Noise of toy sets. */
  noise: number;
  /** Fraction held out for testing in toy and single-file sets. */
  testFraction: number;
}

const COMMON = `def to_model_input(rows):
    """Rows of flattened examples (channels-last order, as in the studio) -> a float32 tensor PyTorch layers expect.

    Images become N x C x H x W; the FlattenNHWC layers flatten them back in the studio's order.
    """
    x = torch.as_tensor(np.asarray(rows, dtype=np.float32)).reshape((-1,) + INPUT_SHAPE)
    if x.dim() == 4:
        x = x.permute(0, 3, 1, 2).contiguous()
    return x


def stratified_split(x, y, test_fraction, seed):
    """Shuffles each class with a seeded generator and holds out test_fraction of it for testing."""
    rng = np.random.default_rng(seed)
    train_idx, test_idx = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        n_test = int(round(len(idx) * test_fraction))
        test_idx.extend(idx[:n_test])
        train_idx.extend(idx[n_test:])
    train_idx, test_idx = np.array(train_idx), np.array(test_idx)
    return x[train_idx], y[train_idx], x[test_idx], y[test_idx]`;

/** The Python data section: a `load_data()` returning `(x_train, y_train, x_test, y_test)` tensors. */
export function pytorchDataCode(o: DataCodeOptions): string {
  const source = dataSourceFor(o.datasetId, o.inputShape);
  const split = pyFloat(o.testFraction, 'Test fraction');
  if (source === 'torchvision') {
    const cls = TORCHVISION[o.datasetId]!;
    return `${COMMON}


DATA_DIR = "./data"  # torchvision downloads the dataset here on the first run


def load_data():
    """${cls} from torchvision (pip install torchvision): the official train/test split, pixels scaled to [0, 1].${
      o.datasetId === 'mnist' ? '\n\n    The studio trains on a fixed 8,000 / 2,000 subset of MNIST; this uses all 60,000 / 10,000 images.' : ''
    }"""
    from torchvision import datasets

    def prepare(ds):
        rows = ds.data.reshape(len(ds.data), -1).float().div(255.0).numpy()
        return to_model_input(rows), ds.targets.long()

    x_train, y_train = prepare(datasets.${cls}(DATA_DIR, train=True, download=True))
    x_test, y_test = prepare(datasets.${cls}(DATA_DIR, train=False, download=True))
    return x_train, y_train, x_test, y_test`;
  }
  if (source === 'toy') {
    return `${COMMON}


SAMPLES = ${pyInt(o.samples, 'Samples')}
NOISE = ${pyFloat(o.noise, 'Noise')}
TEST_FRACTION = ${split}


${TOY_GENERATORS[o.datasetId]!}


def load_data():
    """Generates the 2-D point set from SEED (the same recipe as the studio; the random draws differ)."""
    rng = np.random.default_rng(SEED)
    x, y = generate(rng, SAMPLES, NUM_CLASSES, NOISE)
    x_train, y_train, x_test, y_test = stratified_split(x, np.asarray(y, dtype=np.int64), TEST_FRACTION, SEED + 1)
    return (to_model_input(x_train), torch.as_tensor(y_train, dtype=torch.long),
            to_model_input(x_test), torch.as_tensor(y_test, dtype=torch.long))`;
  }
  return `${COMMON}


# ===========================================================================
# DATA: fill in the paths (or replace load_data) for dataset ${pyStr(o.datasetId)}.
# Each CSV row holds one example's ${o.inputShape.reduce((a, b) => a * b, 1)} values, flattened row-major in
# INPUT_SHAPE order (height, width, channels for images), followed by its integer class label 0..NUM_CLASSES-1.
# Without a test file, TEST_FRACTION of the training file is held out (stratified).
# ===========================================================================
TRAIN_CSV = "train.csv"
TEST_CSV = None  # e.g. "test.csv"
CSV_HEADER_ROWS = 0
TEST_FRACTION = ${split}


def read_csv(path):
    table = np.loadtxt(path, delimiter=",", dtype=np.float64, skiprows=CSV_HEADER_ROWS, ndmin=2)
    return table[:, :-1], table[:, -1].astype(np.int64)


def load_data():
    """Returns x_train, y_train, x_test, y_test as tensors (replace this to load your data another way)."""
    x, y = read_csv(TRAIN_CSV)
    if TEST_CSV is None:
        x_train, y_train, x_test, y_test = stratified_split(x, y, TEST_FRACTION, SEED + 1)
    else:
        (x_train, y_train), (x_test, y_test) = (x, y), read_csv(TEST_CSV)
    return (to_model_input(x_train), torch.as_tensor(y_train, dtype=torch.long),
            to_model_input(x_test), torch.as_tensor(y_test, dtype=torch.long))`;
}
