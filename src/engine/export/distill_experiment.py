import argparse
import base64
import gzip
import json
import math
import os
import sys
import time
import uuid

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

EXPERIMENT = None  # the studio writes the experiment here when it exports the script


class UsageError(Exception):
    """A problem with the command line, the data or a file: printed as one line, without a traceback."""


# ---------------------------------------------------------------------------
# The studio's random numbers (mulberry32 and its seed derivation), so data, splits, the transfer set,
# initial weights and batch order are exactly the studio's.
# ---------------------------------------------------------------------------
M32 = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & M32


class Rng:
    """mulberry32, as src/engine/rng.ts."""

    def __init__(self, seed):
        self.state = seed & M32

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & M32
        t = self.state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296.0

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def normal(self):
        u = max(self.next(), 1e-12)
        v = self.next()
        return math.sqrt(-2.0 * math.log(u)) * math.cos(2.0 * math.pi * v)

    def int(self, n):
        return int(math.floor(self.next() * n))

    def permutation(self, n):
        p = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.int(i + 1)
            p[i], p[j] = p[j], p[i]
        return p


def derive_seed(seed, stream):
    """An independent sub-seed for a named stream (FNV-1a + a final mix, as the studio)."""
    h = ((seed & M32) ^ 0x811C9DC5) & M32
    for ch in stream:
        h ^= ord(ch)
        h = imul(h, 0x01000193)
    h ^= h >> 16
    h = imul(h, 0x45D9F3B)
    h ^= h >> 16
    return h & M32


def js_round(v):
    return int(math.floor(v + 0.5))


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------
def even_class(i, count, classes):
    return min((i * classes) // count, classes - 1)


def generate_toy(name, count, classes, noise, seed):
    """The studio's 2-D generators (src/engine/data/*.ts), draw for draw."""
    rng = Rng(seed)
    x = np.zeros((count, 2), dtype=np.float32)
    y = np.zeros(count, dtype=np.int64)
    per_class = count // classes
    for i in range(count):
        if name == "spiral":
            c = min(i // per_class, classes - 1)
            k = i - c * per_class
            n = count - c * per_class if c == classes - 1 else per_class
            r = k / (n - 1) if n > 1 else 0.0
            theta = c * 2 * math.pi / classes + r * 4
            px, py = r * math.cos(theta), r * math.sin(theta)
        elif name == "circles":
            c = even_class(i, count, 2)
            r = rng.uniform(0, 0.5) if c == 0 else rng.uniform(0.7, 1)
            theta = rng.uniform(0, 2 * math.pi)
            px, py = r * math.cos(theta), r * math.sin(theta)
        elif name == "xor":
            c = even_class(i, count, 2)
            sx = -1 if rng.next() < 0.5 else 1
            sy = sx if c == 0 else -sx
            px = sx * rng.uniform(0.05, 1)
            nx = noise * rng.normal()
            py = sy * rng.uniform(0.05, 1)
            x[i] = (px + nx, py + noise * rng.normal())
            y[i] = c
            continue
        elif name == "blobs":
            c = even_class(i, count, classes)
            angle = math.pi / 4 + 2 * math.pi * c / classes
            sd = 0.1 + noise
            x[i] = (0.6 * math.cos(angle) + sd * rng.normal(), 0.6 * math.sin(angle) + sd * rng.normal())
            y[i] = c
            continue
        elif name == "moons":
            c = even_class(i, count, 2)
            t = rng.uniform(0, math.pi)
            px = math.cos(t) if c == 0 else 1 - math.cos(t)
            py = math.sin(t) if c == 0 else 0.5 - math.sin(t)
            px, py = (px - 0.5) / 1.5, (py - 0.25) / 1.5
        else:
            raise UsageError(f"unknown generated data set {name!r}")
        nx = noise * rng.normal()
        x[i] = (px + nx, py + noise * rng.normal())
        y[i] = c
    return x, y


def stratified_split(x, y, test_fraction, seed):
    """The studio's seeded per-class split (src/engine/data/split.ts)."""
    rng = Rng(seed)
    by_class = {}
    for i, c in enumerate(y.tolist()):
        by_class.setdefault(c, []).append(i)
    train_idx, test_idx = [], []
    for c in sorted(by_class):
        idx = by_class[c]
        perm = rng.permutation(len(idx))
        n_test = js_round(len(idx) * test_fraction)
        for k, p in enumerate(perm):
            (test_idx if k < n_test else train_idx).append(idx[p])

    def order(rows):
        return [rows[p] for p in rng.permutation(len(rows))]

    tr, te = order(train_idx), order(test_idx)
    return x[tr], y[tr], x[te], y[te]


def stratified_subset(x, y, count, seed, exclude):
    """The students' transfer set: a seeded, stratified subset without the excluded classes (src/engine/data/subset.ts)."""
    excluded = set(exclude)
    by_class = {}
    for i, c in enumerate(y.tolist()):
        if c not in excluded:
            by_class.setdefault(c, []).append(i)
    classes = sorted(by_class)
    available = sum(len(by_class[c]) for c in classes)
    want = min(count, available)
    quota = [want * len(by_class[c]) / max(available, 1) for c in classes]
    share = [int(math.floor(q)) for q in quota]
    left = want - sum(share)
    for k in sorted(range(len(classes)), key=lambda k: (-(quota[k] - share[k]), k)):
        if left == 0:
            break
        share[k] += 1
        left -= 1
    rng = Rng(seed)
    rows = []
    for k, c in enumerate(classes):
        idx = by_class[c]
        perm = rng.permutation(len(idx))
        rows.extend(idx[perm[i]] for i in range(share[k]))
    order = [rows[p] for p in rng.permutation(len(rows))]
    return x[order], y[order]


def read_bundle(data, what):
    """Decodes a DSIB image bundle (src/engine/data/bundle.ts) into float pixels in [0, 1] and labels."""
    if len(data) < 36 or data[:4] != b"DSIB":
        raise UsageError(f"{what} is not a Distill Studio image bundle")
    version, rows, cols, channels, classes, n_train, n_test, _ = np.frombuffer(data[4:36], dtype="<u4").tolist()
    px = rows * cols * channels
    if version != 1 or len(data) != 36 + (n_train + n_test) * (px + 1):
        raise UsageError(f"{what} is damaged or of another version (bundle version {version}, {len(data)} bytes)")
    raw = np.frombuffer(data, dtype=np.uint8, offset=36)
    o = 0

    def take(n):
        nonlocal o
        part = raw[o:o + n]
        o += n
        return part

    x_train = take(n_train * px).reshape(n_train, px).astype(np.float32) / 255.0
    y_train = take(n_train).astype(np.int64)
    x_test = take(n_test * px).reshape(n_test, px).astype(np.float32) / 255.0
    y_test = take(n_test).astype(np.int64)
    return x_train, y_train, x_test, y_test


def load_bundle(data_dir, data_url, files):
    """The studio's shipped dataset file(s): from --data-dir, else downloaded once from the studio's address."""
    parts = []
    for file in files:
        base = os.path.basename(file)
        path = os.path.join(data_dir, base)
        if not os.path.exists(path):
            if not data_url:
                raise UsageError(f"{path} not found: pass --data-dir with the studio's public/datasets folder, or --data-url")
            url = data_url.rstrip("/") + "/" + base
            log(f"downloading {url} -> {path}")
            os.makedirs(data_dir, exist_ok=True)
            import urllib.request
            try:
                urllib.request.urlretrieve(url, path + ".part")
            except Exception as e:  # noqa: BLE001 - any network problem becomes one line
                raise UsageError(f"could not download {url}: {e}")
            os.replace(path + ".part", path)
        with open(path, "rb") as f:
            parts.append(gzip.decompress(f.read()))
    return read_bundle(b"".join(parts), " + ".join(files))


def load_torchvision(name, data_dir):
    """The full MNIST / Fashion-MNIST from torchvision (official 60,000 / 10,000 split)."""
    try:
        from torchvision import datasets
    except ImportError:
        raise UsageError("--full-dataset needs torchvision (pip install torchvision)")
    cls = {"mnist": datasets.MNIST, "fashion-mnist": datasets.FashionMNIST}[name]

    def prepare(ds):
        return ds.data.reshape(len(ds.data), -1).float().div(255.0).numpy(), ds.targets.long().numpy()

    a = prepare(cls(data_dir, train=True, download=True))
    b = prepare(cls(data_dir, train=False, download=True))
    return a[0], a[1], b[0], b[1]


NUMBER = __import__("re").compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
INTEGER = __import__("re").compile(r"^[+-]?\d+$")


def load_csv(path, spec):
    """The user's CSV: the columns the studio saw, labels mapped to the studio's classes, the studio's split."""
    import csv

    if not path:
        raise UsageError(f"this experiment trained on an uploaded file: pass it with --csv PATH (columns: {', '.join(spec['columns'])})")
    if not os.path.exists(path):
        raise UsageError(f"--csv {path}: no such file")
    with open(path, newline="", encoding="utf-8-sig") as f:
        text = f.read()
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = [r for r in csv.reader(text.splitlines(), delimiter=delimiter)]
    while rows and all(c.strip() == "" for c in rows[-1]):
        rows.pop()
    if not rows:
        raise UsageError(f"{path} is empty")
    columns, label_name = spec["columns"], spec["labelColumn"]
    numeric = lambda c: bool(NUMBER.match(c.strip()))  # noqa: E731
    first, second = rows[0], rows[1] if len(rows) > 1 else None
    has_header = all(not numeric(c) for c in first) or any(
        c.strip() != "" and not numeric(c) and second is not None and j < len(second) and numeric(second[j]) for j, c in enumerate(first))
    expected = f"expected {len(columns)} columns: {', '.join(columns)}"
    if has_header:
        header = [c.strip() or f"column {j + 1}" for j, c in enumerate(first)]
        if header != columns:
            raise UsageError(f"{path} has the columns {', '.join(header)}; {expected} (label column {label_name!r})")
        body, first_line = rows[1:], 2
    else:
        body, first_line = rows, 1
    label_at = columns.index(label_name)
    classes = spec["classNames"]
    numeric_labels = all(INTEGER.match(c) for c in classes)
    class_of = {int(c) if numeric_labels else c: k for k, c in enumerate(classes)}
    # The studio's rule for missing cells (empty or not a number); without one (an export of a file without holes, or
    # an older studio) a missing cell is an error, as it was.
    missing = spec.get("missing")
    n_features = len(columns) - 1
    rows_x, rows_y = [], []
    holes = {"droppedForLabel": 0, "droppedForFeatures": 0, "missingPerFeature": [0] * n_features}
    for i, cells in enumerate(body):
        line = first_line + i
        if len(cells) != len(columns):
            raise UsageError(f"{path}, line {line}: {len(cells)} cells; {expected}")
        row = []
        for j, cell in enumerate(cells):
            if j == label_at:
                continue
            if numeric(cell):
                row.append(float(cell))
            elif missing:
                holes["missingPerFeature"][len(row)] += 1
                row.append(math.nan)
            else:
                raise UsageError(f"{path}, line {line}, column {columns[j]}: {cell!r} is not a number")
        raw = cells[label_at].strip()
        if missing and raw == "":
            holes["droppedForLabel"] += 1  # a row without a label is always dropped
            continue
        if missing and missing["rule"] == "drop" and any(math.isnan(v) for v in row):
            holes["droppedForFeatures"] += 1
            continue
        key = int(raw) if numeric_labels and INTEGER.match(raw) else raw
        if key not in class_of:
            raise UsageError(f"{path}, line {line}: label {raw!r} is not one of the studio's classes ({', '.join(classes)})")
        rows_x.append(row)
        rows_y.append(class_of[key])
    x = np.zeros((len(rows_x), n_features), dtype=np.float32)
    if rows_x:
        x[:] = rows_x  # doubles rounded to float32, as the studio's Float32Array stores them
    y = np.asarray(rows_y, dtype=np.int64).reshape(len(rows_y))
    if missing and len(rows_y) == 0:
        raise UsageError(f"{path}: every row has a missing value; the studio's rule ({missing['rule']}) leaves no data")
    x_train, y_train, x_test, y_test = stratified_split(x, y, spec["testFraction"], derive_seed(spec["splitSeed"], "user-split"))
    CTX.missing = None
    if missing:
        x_train, x_test, CTX.missing = fill_holes(x_train, x_test, dict(missing, **holes), columns[:label_at] + columns[label_at + 1:], path)
    CTX.scaling = None
    if spec.get("standardize"):
        # The studio's statistics (its training split, before the validation hold-out), also for another file with
        # the same columns given with --csv; an export without them fits them here exactly as the studio does.
        scaling = spec.get("featureScaling") or fit_scaling(x_train)
        x_train, x_test = apply_scaling(x_train, scaling, path), apply_scaling(x_test, scaling, path)
        CTX.scaling = {"mean": [float(v) for v in scaling["mean"]], "std": [float(v) for v in scaling["std"]]}
    return x_train, y_train, x_test, y_test


def fill_values(x):
    """Mean of each feature's non-missing (non-NaN) values, as src/engine/data/missing.ts fillValues: float64 sums in
    row order from 0 (np.add.accumulate over a leading zero row, NaN counted as 0), None for a feature without values."""
    x64 = np.asarray(x, dtype=np.float64)
    present = ~np.isnan(x64)
    sums = np.add.accumulate(np.vstack([np.zeros((1, x64.shape[1])), np.where(present, x64, 0.0)]), axis=0)[-1]
    counts = present.sum(axis=0)
    return [float(s / c) if c > 0 else None for s, c in zip(sums.tolist(), counts.tolist())]


def fill_holes(x_train, x_test, record, features, path):
    """The studio's missing-value rule after the split (src/engine/data/missing.ts resolveHoles): for "fill", every
    NaN becomes its feature's fill value rounded to float32 (the studio's values, written in full in EXPERIMENT, also
    for another file with the same columns; fitted on this training split as the studio does when absent).
    Returns the splits and the record of what was done (the studio's MissingValues)."""
    if record["rule"] != "fill":
        return x_train, x_test, dict({k: v for k, v in record.items() if k != "fill"}, filledCells=0)
    fill = record.get("fill") or fill_values(x_train)
    if len(fill) != x_train.shape[1]:
        raise UsageError(f"{path}: {x_train.shape[1]} features, but the studio's missing-value fill has {len(fill)} values")
    filled = 0
    x_train, x_test = x_train.copy(), x_test.copy()
    for k, value in enumerate(fill):
        for part in (x_train, x_test):
            holes = np.isnan(part[:, k])
            if holes.any() and value is None:
                raise UsageError(f"{path}: column {features[k]} has no number in the training split to fill its missing cells with")
            part[holes, k] = np.float32(value if value is not None else 0.0)
            filled += int(holes.sum())
    fill = [float(v) if v is not None else 0.0 for v in fill]
    return x_train, x_test, dict(record, filledCells=filled, fill=fill)


def fit_scaling(x):
    """Mean and deviation of each feature, as src/engine/data/userData.ts fitScaling: float64 sums in row order
    (np.add.accumulate, not numpy's pairwise sum), the population deviation, 1 where it is 0."""
    n = max(len(x), 1)
    x64 = np.asarray(x, dtype=np.float64)
    if len(x64) == 0:
        return {"mean": [0.0] * x64.shape[1], "std": [1.0] * x64.shape[1]}
    mean = np.add.accumulate(x64, axis=0)[-1] / n
    std = np.sqrt(np.add.accumulate((x64 - mean) * (x64 - mean), axis=0)[-1] / n)
    std[~(std != 0)] = 1.0
    return {"mean": mean.tolist(), "std": std.tolist()}


def apply_scaling(x, scaling, path):
    """(x - mean) / std in float64, then float32: the studio's applyScaling (doubles, stored in a Float32Array)."""
    mean = np.asarray(scaling["mean"], dtype=np.float64)
    std = np.asarray(scaling["std"], dtype=np.float64)
    if mean.shape != (x.shape[1],) or std.shape != (x.shape[1],):
        raise UsageError(f"{path}: {x.shape[1]} features, but the studio's standardisation has {mean.size} means and {std.size} deviations")
    return ((x.astype(np.float64) - mean) / std).astype(np.float32)


PREPARED_MAGIC = b"DSPD"


def read_prepared(path):
    """The studio's prepared dataset ("Export the prepared dataset", src/engine/export/preparedDataset.ts): its header,
    the model inputs of every example (float32, channels-last; byte / 255 for uint8 files), labels and row lists."""
    import zlib

    if not os.path.exists(path):
        raise UsageError(f"--data {path}: no such file")
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 16 or data[:4] != PREPARED_MAGIC:
        raise UsageError(f"--data {path} is not a Distill Studio prepared dataset (no DSPD header)")
    version, header_len, crc = np.frombuffer(data[4:16], dtype="<u4").tolist()
    if version != 1:
        raise UsageError(f"--data {path} is a prepared dataset of version {version}; this script reads version 1")
    if 16 + header_len > len(data) or zlib.crc32(data[16:]) & M32 != crc:
        raise UsageError(f"--data {path} is damaged (checksum mismatch): export the prepared dataset again")
    header = json.loads(data[16:16 + header_len].decode("utf-8"))
    sections = {}
    for s in header["sections"]:
        dtype = {"uint8": np.uint8, "float32": "<f4", "int32": "<i4"}[s["dtype"]]
        count = int(np.prod(s["shape"])) if s["shape"] else 1
        sections[s["name"]] = np.frombuffer(data, dtype=dtype, count=count, offset=s["offset"]).reshape(s["shape"])
    x = sections["x"]
    n = x.shape[0]
    flat = x.reshape(n, -1)
    # byte / 255 in float32: the studio's Float32Array of byte / 255 (a double quotient rounded once to float32).
    x = flat.astype(np.float32) / np.float32(255) if header["pixels"] == "uint8" else np.array(flat, dtype=np.float32)
    rows = {k: sections[k].astype(np.int64) for k in ("train", "validation", "test", "transfer")}
    return header, x, sections["y"].astype(np.int64), rows


def load_prepared(path):
    """--data FILE: the studio's exact examples; the training split is every row that is not a test row, in the
    studio's order (the validation hold-out and the transfer set are drawn from it with the seed, and checked
    against the file's rows in run())."""
    header, x, y, rows = read_prepared(path)
    shape = list(EXPERIMENT["inputShape"])
    if list(header["inputShape"]) != shape:
        raise UsageError(f"--data {path} holds examples of shape {header['inputShape']}; this experiment's models take {shape}")
    classes = EXPERIMENT["classNames"]
    if header["classNames"] != classes:
        raise UsageError(f"--data {path} has the classes {', '.join(header['classNames'])}; this experiment has {', '.join(classes)}")
    test = rows["test"]
    is_test = np.zeros(len(y), dtype=bool)
    is_test[test] = True
    train = np.nonzero(~is_test)[0]
    CTX.prepared = header
    CTX.prepared_rows = rows
    log(f"--data {path}: {header['name']}, {len(y)} examples ({header['pixels']} pixels, checksum OK)")
    return x[train], y[train], x[test], y[test]


def flatten_on_white(rgba):
    """RGBA bytes composited over white with the studio's integer rounding (src/engine/data/images/pixels.ts)."""
    a = rgba[..., 3:4].astype(np.int64)
    c = rgba[..., :3].astype(np.int64)
    return ((2 * (c * a + 255 * (255 - a)) + 255) // 510).astype(np.uint8)


def load_image_folder(folder, spec):
    """--images DIR: a class-per-folder tree decoded with PIL, oriented (EXIF), flattened on white, made square
    (centre crop or white padding, as the run) and box-resized to the run's size, then split as the studio splits
    the upload (seeded, stratified). PIL's decoders and resampling differ slightly from the browser's."""
    try:
        from PIL import Image, ImageOps
    except ImportError:
        raise UsageError("--images needs Pillow (pip install pillow, or apt install python3-pil)")
    if not os.path.isdir(folder):
        raise UsageError(f"--images {folder}: no such folder")
    f = spec["folder"]
    size, fit = f["size"], f["fit"]
    classes = spec["classNames"]
    root = folder
    subdirs = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    # A wrapper folder around the class folders (a zip's top folder) is looked through, as in the studio.
    while len(subdirs) == 1 and subdirs[0] not in classes:
        root = os.path.join(root, subdirs[0])
        subdirs = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    if subdirs != sorted(classes):
        raise UsageError(f"--images {folder} has the class folders {', '.join(subdirs) or '(none)'}; this experiment has "
                         f"{', '.join(classes)}")
    log(f"warning: --images decodes {folder} with PIL {getattr(__import__('PIL'), '__version__', '')}: its pixels (JPEG "
        "decoding, resampling) can differ slightly from the browser's; --data with the studio's prepared dataset is exact")
    xs, ys, skipped = [], [], []
    for label, name in enumerate(classes):
        class_dir = os.path.join(root, name)
        for file in sorted(os.listdir(class_dir)):
            path = os.path.join(class_dir, file)
            if os.path.isdir(path):
                continue
            try:
                with Image.open(path) as im:
                    im.seek(0)
                    im = ImageOps.exif_transpose(im).convert("RGBA")
                    rgb = flatten_on_white(np.asarray(im, dtype=np.uint8))
            except Exception as e:  # noqa: BLE001 - any unreadable file is skipped and counted, as in the studio
                skipped.append(f"{os.path.join(name, file)} ({type(e).__name__})")
                continue
            h, w = rgb.shape[:2]
            if fit == "crop":
                side = min(w, h)
                x0, y0 = (w - side) // 2, (h - side) // 2
                rgb = rgb[y0:y0 + side, x0:x0 + side]
            else:
                side = max(w, h)
                sq = np.full((side, side, 3), 255, dtype=np.uint8)
                x0, y0 = (side - w) // 2, (side - h) // 2
                sq[y0:y0 + h, x0:x0 + w] = rgb
                rgb = sq
            if side != size:
                rgb = np.asarray(Image.fromarray(rgb).resize((size, size), Image.BOX), dtype=np.uint8)
            xs.append(rgb.reshape(-1))
            ys.append(label)
    if skipped:
        log(f"skipped {len(skipped)} file(s) that are not readable images: {', '.join(skipped[:5])}" + (" ..." if len(skipped) > 5 else ""))
    counts = [ys.count(k) for k in range(len(classes))]
    empty = [classes[k] for k, c in enumerate(counts) if c == 0]
    if empty:
        raise UsageError(f"--images {folder}: no readable image in the class folder(s) {', '.join(empty)}")
    if counts != f.get("classCounts", counts):
        log(f"warning: images per class {counts}; the studio kept {f['classCounts']} (the split will differ)")
    x = np.stack(xs).astype(np.float32) / np.float32(255)
    y = np.asarray(ys, dtype=np.int64)
    return stratified_split(x, y, f["testFraction"], derive_seed(f["splitSeed"], "user-split"))


def load_data(args):
    """(x_train, y_train, x_test, y_test) as numpy arrays: examples flattened channels-last, as in the studio."""
    d = EXPERIMENT["data"]
    seed = args.seed
    CTX.prepared = None
    if args.data:
        return load_prepared(args.data)
    if d["kind"] == "prepared":
        if args.images:
            if not d.get("folder"):
                raise UsageError(f"--images reads a folder of pictures, but this experiment trained on {d['name']}: pass the studio's "
                                 "prepared dataset with --data FILE")
            return load_image_folder(args.images, d)
        raise UsageError(f"this experiment trained on {d['name']}, which the script cannot rebuild: pass the studio's prepared dataset "
                         "with --data FILE (\"Export the prepared dataset\")" + (" or the class-per-folder tree with --images DIR" if d.get("folder") else ""))
    if args.images:
        raise UsageError("--images reads a folder of pictures, but this experiment did not train on one")
    if d["kind"] == "toy":
        x, y = generate_toy(d["id"], d["samples"], EXPERIMENT["numClasses"], d["noise"], seed)
        return stratified_split(x, y, 0.2, (seed ^ 0x5EED) & M32)
    if d["kind"] == "bundle":
        if args.full_dataset:
            return load_torchvision(d["id"], args.data_dir)
        return load_bundle(args.data_dir, args.data_url, d["files"])
    return load_csv(args.csv, d)


# ---------------------------------------------------------------------------
# Models: the studio's planned layers, named as in its TensorFlow.js models
# ---------------------------------------------------------------------------
ACTIVATIONS = {"relu": F.relu, "tanh": torch.tanh, "gelu": F.gelu, None: lambda x: x}


def to_channels_last_flat(h):
    return h.permute(0, 2, 3, 1).flatten(1) if h.dim() == 4 else h.flatten(1)


class Net(nn.Module):
    """A stack of the studio's layers; modules carry the studio's layer names (dense_1, conv_1, bn_1, logits, ...)."""

    def __init__(self, arch):
        super().__init__()
        self.arch = arch
        self.plan = arch["layers"]
        self.taps = list(arch["taps"])
        self.named = nn.ModuleDict()
        for layer in self.plan:
            op, name = layer["op"], layer["name"]
            if op == "dense":
                self.named[name] = nn.Linear(layer["in"], layer["units"])
            elif op == "conv":
                self.named[name] = nn.Conv2d(layer["inChannels"], layer["filters"], layer["kernel"], layer["stride"],
                                             padding=0, bias=not layer["batchNorm"])
                if layer["batchNorm"]:
                    # The studio's batch norm: epsilon 1e-3, moving-average momentum 0.9 (= PyTorch momentum 0.1).
                    self.named[layer["bnName"]] = nn.BatchNorm2d(layer["filters"], eps=1e-3, momentum=0.1)
            elif op == "maxpool":
                self.named[name] = nn.MaxPool2d(layer["size"], layer["size"])
            elif op == "dropout":
                self.named[name] = nn.Dropout(layer["rate"])

    def forward(self, x, with_hidden=False, flat=True):
        hidden = []
        for i, layer in enumerate(self.plan):
            op = layer["op"]
            if op == "flatten":
                x = to_channels_last_flat(x)
            elif op == "dense":
                x = ACTIVATIONS[layer["activation"]](self.named[layer["name"]](x))
            elif op == "conv":
                x = self.named[layer["name"]](x)
                if layer["batchNorm"]:
                    x = self.named[layer["bnName"]](x)
                x = ACTIVATIONS[layer["activation"]](x)
            else:
                x = self.named[layer["name"]](x)
            if with_hidden and i in self.taps:
                hidden.append(to_channels_last_flat(x) if flat else x)
        return (x, hidden) if with_hidden else x


def tfjs_weights(net):
    """(name, tfjs-layout array, trainable) of every weight, in the order TensorFlow.js lists them."""
    trainable, stats = [], []
    sd = {k: v.detach().cpu().float().numpy() for k, v in net.state_dict().items()}
    for layer in net.plan:
        name = layer["name"]
        if layer["op"] == "dense":
            trainable += [(f"{name}/kernel", sd[f"named.{name}.weight"].T), (f"{name}/bias", sd[f"named.{name}.bias"])]
        elif layer["op"] == "conv":
            trainable.append((f"{name}/kernel", sd[f"named.{name}.weight"].transpose(2, 3, 1, 0)))
            if layer["batchNorm"]:
                bn = layer["bnName"]
                trainable += [(f"{bn}/gamma", sd[f"named.{bn}.weight"]), (f"{bn}/beta", sd[f"named.{bn}.bias"])]
                stats += [(f"{bn}/moving_mean", sd[f"named.{bn}.running_mean"]), (f"{bn}/moving_variance", sd[f"named.{bn}.running_var"])]
            else:
                trainable.append((f"{name}/bias", sd[f"named.{name}.bias"]))
    return [(n, np.ascontiguousarray(a, dtype=np.float32)) for n, a in trainable + stats]


def set_tfjs_weights(net, weights, what):
    """Loads tfjs-layout weights by name; refuses, naming the layer, when the architecture differs."""
    mine = dict(tfjs_weights(net))
    for name in weights:
        if name not in mine:
            raise UsageError(f"{what} does not fit this model: it has weight {name!r} (layer {name.split('/')[0]!r}), which this model does not")
    state = {}
    for layer in net.plan:
        for key, tensor_name, to_torch in layer_weight_map(layer):
            if tensor_name not in weights:
                raise UsageError(f"{what} does not fit this model: layer {tensor_name.split('/')[0]!r} is missing ({tensor_name})")
            a = weights[tensor_name]
            if list(a.shape) != list(mine[tensor_name].shape):
                raise UsageError(f"{what} does not fit this model: layer {tensor_name.split('/')[0]!r} has {tensor_name} of shape "
                                 f"{list(a.shape)}, this model needs {list(mine[tensor_name].shape)}")
            state[key] = torch.from_numpy(np.ascontiguousarray(to_torch(a)))
    current = net.state_dict()
    current.update(state)
    net.load_state_dict(current)


def layer_weight_map(layer):
    """(state_dict key, tfjs weight name, tfjs-to-torch layout) of one planned layer."""
    name = layer["name"]
    ident = lambda a: a  # noqa: E731
    if layer["op"] == "dense":
        return [(f"named.{name}.weight", f"{name}/kernel", lambda a: a.T), (f"named.{name}.bias", f"{name}/bias", ident)]
    if layer["op"] != "conv":
        return []
    out = [(f"named.{name}.weight", f"{name}/kernel", lambda a: a.transpose(3, 2, 0, 1))]
    if layer["batchNorm"]:
        bn = layer["bnName"]
        out += [(f"named.{bn}.weight", f"{bn}/gamma", ident), (f"named.{bn}.bias", f"{bn}/beta", ident),
                (f"named.{bn}.running_mean", f"{bn}/moving_mean", ident), (f"named.{bn}.running_var", f"{bn}/moving_variance", ident)]
    else:
        out.append((f"named.{name}.bias", f"{name}/bias", ident))
    return out


def studio_init(net, seed):
    """The studio's initial weights (src/engine/models/init.ts): Glorot-uniform kernels from mulberry32, in tfjs order."""
    weights = {}
    rng = Rng(seed)
    for name, a in tfjs_weights(net):
        leaf = name.split("/")[-1]
        if leaf == "kernel":
            shape = a.shape
            receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
            fan_in, fan_out = receptive * shape[-2], receptive * shape[-1]
            limit = math.sqrt(6 / (fan_in + fan_out))
            values = np.array([rng.uniform(-limit, limit) for _ in range(a.size)], dtype=np.float32)
            weights[name] = values.reshape(shape)
        else:
            weights[name] = (np.ones if leaf in ("gamma", "moving_variance") else np.zeros)(a.shape, dtype=np.float32)
    set_tfjs_weights(net, weights, "the initial weights")
    return net


def count_params(net):
    return sum(a.size for _, a in tfjs_weights(net))


def tfjs_topology(net, model_name):
    """The Keras-style topology TensorFlow.js layers reads (tf.loadLayersModel)."""
    layers = []
    for layer in net.plan:
        op, name = layer["op"], layer["name"]
        if op == "dense":
            layers.append(("Dense", {"name": name, "units": layer["units"], "activation": layer["activation"] or "linear", "use_bias": True}))
        elif op == "conv":
            k, s = layer["kernel"], layer["stride"]
            conv = {"name": name, "filters": layer["filters"], "kernel_size": [k, k], "strides": [s, s], "padding": "valid",
                    "data_format": "channels_last", "dilation_rate": [1, 1], "use_bias": not layer["batchNorm"],
                    "activation": "linear" if layer["batchNorm"] else layer["activation"]}
            layers.append(("Conv2D", conv))
            if layer["batchNorm"]:
                layers.append(("BatchNormalization", {"name": layer["bnName"], "axis": -1, "momentum": 0.9, "epsilon": 0.001,
                                                      "center": True, "scale": True}))
                layers.append(("Activation", {"name": layer["actName"], "activation": layer["activation"]}))
        elif op == "maxpool":
            p = layer["size"]
            layers.append(("MaxPooling2D", {"name": name, "pool_size": [p, p], "strides": [p, p], "padding": "valid",
                                            "data_format": "channels_last"}))
        elif op == "flatten":
            layers.append(("Flatten", {"name": name}))
        elif op == "dropout":
            layers.append(("Dropout", {"name": name, "rate": layer["rate"]}))
    out = []
    for i, (cls, cfg) in enumerate(layers):
        cfg = dict(cfg, trainable=True, dtype="float32")
        if i == 0:
            cfg["batch_input_shape"] = [None] + list(EXPERIMENT["inputShape"])
        out.append({"class_name": cls, "config": cfg})
    return {"class_name": "Sequential", "config": {"name": model_name, "layers": out},
            "keras_version": "tfjs-layers 4.22.0", "backend": "tensor_flow.js"}


def tfjs_artifacts(net, model_name):
    """(model.json dict, weights.bin bytes) in TensorFlow.js layers format (little-endian float32)."""
    weights = tfjs_weights(net)
    specs = [{"name": n, "shape": list(a.shape), "dtype": "float32"} for n, a in weights]
    data = b"".join(a.astype("<f4").tobytes() for _, a in weights)
    model = {"format": "layers-model", "generatedBy": f"distill_experiment.py (PyTorch {torch.__version__})", "convertedBy": None,
             "modelTopology": tfjs_topology(net, model_name),
             "weightsManifest": [{"paths": ["weights.bin"], "weights": specs}]}
    if CTX.scaling:
        # Inputs are raw CSV features: the standardisation to apply first (tf model.getUserDefinedMetadata()).
        model["userDefinedMetadata"] = {"featureScaling": CTX.scaling}
    if CTX.missing:
        # And before it, the missing-value rule (rows dropped, or cells filled with these values), as the studio writes it.
        model["userDefinedMetadata"] = dict(model.get("userDefinedMetadata") or {}, missingValues=CTX.missing)
    return model, data


def save_tfjs(net, folder, model_name):
    os.makedirs(folder, exist_ok=True)
    model, data = tfjs_artifacts(net, model_name)
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(model, f)
    with open(os.path.join(folder, "weights.bin"), "wb") as f:
        f.write(data)


def read_tfjs(path):
    """Weights by name from a TensorFlow.js layers model.json (or its folder) and its weight files."""
    if os.path.isdir(path):
        path = os.path.join(path, "model.json")
    try:
        with open(path) as f:
            model = json.load(f)
        folder = os.path.dirname(path)
        weights = {}
        for group in model["weightsManifest"]:
            data = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
            offset = 0
            for w in group["weights"]:
                if w.get("dtype", "float32") != "float32" or "quantization" in w:
                    raise UsageError(f"{path}: weight {w['name']} is not plain float32 (quantised files cannot be read back)")
                n = int(np.prod(w["shape"])) if w["shape"] else 1
                weights[w["name"]] = np.frombuffer(data, dtype="<f4", count=n, offset=offset).reshape(w["shape"])
                offset += 4 * n
        return weights
    except UsageError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise UsageError(f"{path} is not a readable TensorFlow.js layers model ({e})")


def load_teacher_file(net, path):
    """--teacher: a state_dict (.pt) or a TensorFlow.js folder / model.json of the same architecture."""
    if not os.path.exists(path):
        raise UsageError(f"--teacher {path}: no such file or folder")
    if os.path.isdir(path) or path.endswith(".json"):
        set_tfjs_weights(net, read_tfjs(path), f"--teacher {path}")
        return
    try:
        state = torch.load(path, map_location="cpu")
    except Exception as e:  # noqa: BLE001
        raise UsageError(f"--teacher {path} is not a PyTorch state_dict ({e})")
    if not isinstance(state, dict):
        raise UsageError(f"--teacher {path} is not a state_dict")
    mine = net.state_dict()
    layer_of = lambda key: key.split(".")[1] if key.startswith("named.") else key.split(".")[0]  # noqa: E731
    for key in mine:
        if key not in state:
            raise UsageError(f"--teacher {path} does not fit this teacher: layer {layer_of(key)!r} is missing ({key})")
        if tuple(state[key].shape) != tuple(mine[key].shape):
            raise UsageError(f"--teacher {path} does not fit this teacher: layer {layer_of(key)!r} has {key} of shape "
                             f"{list(state[key].shape)}, this teacher needs {list(mine[key].shape)}")
    extra = [k for k in state if k not in mine]
    if extra:
        raise UsageError(f"--teacher {path} does not fit this teacher: it has layer {layer_of(extra[0])!r} ({extra[0]}), which this teacher does not")
    net.load_state_dict(state)


# ---------------------------------------------------------------------------
# Processes and devices
# ---------------------------------------------------------------------------
class Context:
    rank = 0
    world = 1
    device = torch.device("cpu")
    amp = False
    prepared = None  # the header of the prepared dataset read with --data
    prepared_rows = None  # its row lists (train, validation, test, transfer)
    scaling = None  # the CSV standardisation applied ({"mean", "std"} per feature), recorded in the outputs
    missing = None  # the CSV missing-value rule applied (the studio's MissingValues, this file's counts), recorded in the outputs


CTX = Context()


def log(*parts):
    if CTX.rank == 0:
        print(*parts, flush=True)


def setup(args):
    """Device and (under torchrun) the process group: gloo on CPU, nccl on CUDA."""
    import torch.distributed as dist

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local = int(os.environ.get("LOCAL_RANK", "0"))
    device = args.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise UsageError("--device cuda: this PyTorch sees no CUDA device (torch.cuda.is_available() is False); "
                         "use --device cpu, or install a CUDA build of PyTorch with a working NVIDIA driver")
    if device == "mps" and not (hasattr(torch.backends, "mps") and torch.backends.mps.is_available()):
        raise UsageError("--device mps: Apple's Metal backend is not available in this PyTorch; use --device cpu")
    if args.amp and device != "cuda":
        raise UsageError("--amp (mixed precision) needs --device cuda")
    if world > 1:
        if device == "mps":
            raise UsageError("torchrun with --device mps is not supported; use --device cpu (gloo) or CUDA (nccl)")
        if device == "cuda":
            count = torch.cuda.device_count()
            if local >= count:
                raise UsageError(f"torchrun started {os.environ.get('LOCAL_WORLD_SIZE', world)} processes on this node but nccl needs one "
                                 f"CUDA device each and only {count} are visible: use --nproc_per_node={count}, or --device cpu for gloo")
            torch.cuda.set_device(local)
        dist.init_process_group("nccl" if device == "cuda" else "gloo")
    CTX.rank, CTX.world = rank, world
    CTX.device = torch.device(f"cuda:{local}" if device == "cuda" and world > 1 else device)
    CTX.amp = bool(args.amp)
    torch.backends.cudnn.benchmark = False


def wrap(module):
    """DistributedDataParallel under torchrun; the module itself in one process."""
    if CTX.world == 1:
        return module
    from torch.nn.parallel import DistributedDataParallel

    ids = [CTX.device.index] if CTX.device.type == "cuda" else None
    return DistributedDataParallel(module, device_ids=ids)


class StudioBatches(torch.utils.data.distributed.DistributedSampler):
    """The studio's batches (one mulberry32 permutation per epoch from the phase's seed), each split over the processes.

    A batch sampler: set_epoch(e) selects epoch e's order, as with any DistributedSampler, so one process and N
    processes step through exactly the same global batches.
    """

    def __init__(self, count, batch_size, seed):
        super().__init__(range(count), num_replicas=CTX.world, rank=CTX.rank, shuffle=True, seed=seed)
        self.count, self.batch_size = count, batch_size
        self.orders = []

    def order(self, epoch):
        if not self.orders:
            self.rng = Rng(self.seed)
        while len(self.orders) < epoch:
            self.orders.append(self.rng.permutation(self.count))
        return self.orders[epoch - 1]

    def plan(self):
        """This process's rows of every batch of the current epoch, and each batch's loss weight.

        DistributedDataParallel averages the processes' gradients; weighting each process's mean loss by its share of
        the batch (times the number of processes) makes that average the mean over the whole batch, as in one process.
        """
        perm = self.order(self.epoch)
        batches, weights = [], []
        for start in range(0, self.count, self.batch_size):
            batch = perm[start:start + self.batch_size]
            mine = np.array_split(np.array(batch, dtype=np.int64), CTX.world)[CTX.rank].tolist()
            batches.append(mine if mine else batch[:1])
            weights.append(len(mine) * CTX.world / len(batch))
        return batches, weights

    def __iter__(self):
        return iter(self.plan()[0])

    def __len__(self):
        return math.ceil(self.count / self.batch_size)


# ---------------------------------------------------------------------------
# Losses
# ---------------------------------------------------------------------------
def standardize(z):
    """Logit standardisation (Sun et al., CVPR 2024): z-scored per example, unbiased std, eps 1e-7 (the paper's normalize)."""
    return (z - z.mean(dim=-1, keepdim=True)) / (1e-7 + z.std(dim=-1, keepdim=True))


def dkd_parts(z_s, z_t, y, temperature):
    """TCKD and NCKD (Zhao et al., CVPR 2022), batch means, in log space as the studio computes them (src/engine/losses/dkd.ts)."""
    gt = F.one_hot(y, z_s.shape[1]).float()

    def split(z):
        every = torch.logsumexp(z, dim=1)
        masked = z + gt * -1e9  # the target class out of the softmax (exp underflows to 0)
        return (z * gt).sum(dim=1) - every, torch.logsumexp(masked, dim=1) - every, F.log_softmax(masked, dim=1)

    t_target, t_rest, t_hat = split(z_t / temperature)
    s_target, s_rest, s_hat = split(z_s / temperature)
    tckd = t_target.exp() * (t_target - s_target) + t_rest.exp() * (t_rest - s_rest)
    nckd = (t_hat.exp() * (1 - gt) * (t_hat - s_hat)).sum(dim=1)
    return tckd.mean(), nckd.mean()


def soft_term(z_s, z_t, temperature, y=None, epoch=None):
    loss = EXPERIMENT["loss"]
    if loss["soft"] == "mse":
        return F.mse_loss(z_s, z_t)
    if loss.get("standardize"):
        z_s, z_t = standardize(z_s), standardize(z_t)
    if loss["soft"] == "dkd":
        d = loss["dkd"]
        tckd, nckd = dkd_parts(z_s, z_t, y, temperature)
        warm = min(epoch / d["warmup"], 1.0) if d["warmup"] > 0 else 1.0
        return (d["alpha"] * tckd + d["beta"] * nckd) * (temperature ** 2 if loss["scaleByT2"] else 1) * warm
    log_p_t = F.log_softmax(z_t / temperature, dim=1)
    log_p_s = F.log_softmax(z_s / temperature, dim=1)
    kl = (log_p_t.exp() * (log_p_t - log_p_s)).sum(dim=1).mean()
    return kl * temperature ** 2 if EXPERIMENT["loss"]["scaleByT2"] else kl


def attention_loss(f_s, f_t):
    """Attention transfer (Zagoruyko & Komodakis, ICLR 2017) of one NCHW pair, as mdistiller's single_stage_at_loss (p = 2):
    both maps adaptively average-pooled to the smaller height and width first."""
    h, w = min(f_s.shape[2], f_t.shape[2]), min(f_s.shape[3], f_t.shape[3])
    if tuple(f_s.shape[2:]) != (h, w):
        f_s = F.adaptive_avg_pool2d(f_s, (h, w))
    if tuple(f_t.shape[2:]) != (h, w):
        f_t = F.adaptive_avg_pool2d(f_t, (h, w))

    def attention(f):
        return F.normalize(f.pow(2).mean(dim=1).flatten(1), dim=1)

    return (attention(f_s) - attention(f_t)).pow(2).mean()


def pairwise_distances(e):
    """Euclidean distances between rows, squared distances floored at 1e-12, the diagonal 0 (mdistiller's _pdist)."""
    sq = e.pow(2).sum(dim=1)
    d = (sq[:, None] + sq[None, :] - 2 * e @ e.t()).clamp(min=1e-12).sqrt()
    return d * (1 - torch.eye(len(e), device=e.device))


def rkd_loss(s, t, distance_weight, angle_weight):
    """RKD (Park et al., CVPR 2019): distances over their mean over the B(B-1) pairs and the angles of every triple,
    smooth L1 each; 0 for a batch of one."""
    n = s.shape[0]
    loss = torch.zeros((), device=s.device)
    if n < 2:
        return loss
    s, t = s.flatten(1).float(), t.flatten(1).float()
    if distance_weight:
        ds, dt = pairwise_distances(s), pairwise_distances(t)
        loss = loss + distance_weight * F.smooth_l1_loss(ds / (ds.sum() / (n * (n - 1))), dt / (dt.sum() / (n * (n - 1))))
    if angle_weight:
        def angles(e):
            u = F.normalize(e.unsqueeze(0) - e.unsqueeze(1), p=2, dim=2)
            return torch.bmm(u, u.transpose(1, 2))
        loss = loss + angle_weight * F.smooth_l1_loss(angles(s), angles(t))
    return loss


# What an augmented batch gets (set from the experiment before training): ±2 px shifts and/or horizontal flips.
AUGMENT = {"shift": False, "flip": False}


def shift_images(x, gen):
    """Random ±2 px shifts with zero fill (the studio's augmentation), one draw per image."""
    n, _, h, w = x.shape
    d = torch.randint(-2, 3, (n, 2), generator=gen).to(x.device)
    padded = F.pad(x, (2, 2, 2, 2))
    rows = (torch.arange(h, device=x.device)[None, :] - d[:, 1:2] + 2)
    cols = (torch.arange(w, device=x.device)[None, :] - d[:, 0:1] + 2)
    batch = torch.arange(n, device=x.device)[:, None, None]
    return padded.permute(0, 2, 3, 1)[batch, rows[:, :, None], cols[:, None, :]].permute(0, 3, 1, 2).contiguous()


def augment_images(x, gen, shift, flip):
    """The studio's augmentation of one batch: a random horizontal flip per image (when on), then the ±2 px shift."""
    if flip:
        mirror = (torch.rand(x.shape[0], generator=gen) < 0.5).to(x.device)
        x = torch.where(mirror[:, None, None, None], x.flip(3), x)
    return shift_images(x, gen) if shift else x


def ensemble_logits(zs, temperature):
    """The logits that stand for a teacher ensemble (src/engine/train/ensemble.ts): for KL and DKD
    T * log(mean_k softmax(z_k / T)), whose softmax at T is the average of the teachers' probabilities at T; for MSE on
    logits, the mean logit."""
    z = torch.stack([v.float() for v in zs])
    if EXPERIMENT["loss"]["soft"] == "mse":
        return z.mean(dim=0)
    return temperature * (torch.logsumexp(F.log_softmax(z / temperature, dim=2), dim=0) - math.log(len(zs)))


class Trainee(nn.Module):
    """A student (and its hint adapter), so DistributedDataParallel keeps both in sync."""

    def __init__(self, net, adapter=None):
        super().__init__()
        self.net = net
        self.adapter = adapter

    def forward(self, x, hint_block=None, taps=False):
        """Logits and the (adapted) hint features; with taps=True also every hidden block's output, unflattened."""
        if hint_block is None and not taps:
            return self.net(x), None
        z, hidden = self.net(x, with_hidden=True, flat=False)
        h = None
        if hint_block is not None:
            h = to_channels_last_flat(hidden[hint_block])
            h = self.adapter(h) if self.adapter is not None else h
        return (z, h, hidden) if taps else (z, h)


# ---------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------
def make_optimizer(params, lr):
    if EXPERIMENT["optimizer"] == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-7)  # TensorFlow.js defaults
    return torch.optim.SGD(params, lr=lr)


@torch.no_grad()
def evaluate(net, x, y, batch_size=1000):
    """Accuracy, mean cross-entropy, expected calibration error (15 bins), predictions and probabilities."""
    net.eval()
    return evaluate_logits(torch.cat([net(x[i:i + batch_size].to(CTX.device)).float().cpu() for i in range(0, len(x), batch_size)]), y)


def freeze_and_evaluate(net, x, y):
    """Puts a trained net in eval mode with its weights frozen (a teacher or assistant from now on), then evaluates it."""
    net.eval()
    for p in net.parameters():
        p.requires_grad_(False)
    return evaluate(net, x, y)


def evaluate_logits(logits, y):
    """evaluate() from logits already computed (on the CPU)."""
    probs = logits.softmax(dim=1)
    conf, pred = probs.max(dim=1)
    correct = (pred == y)
    bins = torch.clamp((conf * 15).floor().long(), 0, 14)
    ece = 0.0
    for b in range(15):
        m = bins == b
        if m.any():
            ece += m.float().mean().item() * abs(correct[m].float().mean().item() - conf[m].mean().item())
    return {"accuracy": correct.float().mean().item(), "loss": F.cross_entropy(logits, y).item(), "ece": ece,
            "preds": pred, "probs": probs}


def train_phase(args, name, module, net, loss_fn, x, y, order_seed, dropout_seed, shift_seed, evaluate_epoch, extra=()):
    """One phase: the studio's batches, one optimiser step each, per-step losses, a NaN guard, an evaluation per epoch."""
    torch.manual_seed(dropout_seed + CTX.rank)
    gen = torch.Generator().manual_seed(shift_seed * 1000 + CTX.rank) if shift_seed is not None else None
    params = list(net.parameters()) + [p for m in extra for p in m.parameters()]
    optimizer = make_optimizer(params, args.lr)
    scaler = torch.cuda.amp.GradScaler() if CTX.amp else None
    sampler = StudioBatches(len(x), args.batch_size, order_seed)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_sampler=sampler, num_workers=args.workers)
    losses = []
    step = 0
    started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        sampler.set_epoch(epoch)
        weights = sampler.plan()[1]
        module.train()
        pending = []
        for (xb, yb), weight in zip(loader, weights):
            step += 1
            xb, yb = xb.to(CTX.device), yb.to(CTX.device)
            if gen is not None:
                xb = augment_images(xb, gen, AUGMENT["shift"], AUGMENT["flip"])
            with torch.autocast("cuda", enabled=CTX.amp):
                total, parts = loss_fn(module, xb, yb, step, epoch)
            optimizer.zero_grad(set_to_none=True)
            if scaler:
                scaler.scale(total * weight).backward()
                scaler.step(optimizer)
                scaler.update()
            else:
                (total * weight).backward()
                optimizer.step()
            pending.append((step, torch.stack([total.detach().float()] + [p.detach().float() for p in parts])))
            if len(pending) >= 5:
                flush_losses(name, pending, losses)
        flush_losses(name, pending, losses)
        evaluate_epoch(epoch)
    return losses, (time.perf_counter() - started) * 1000


def flush_losses(name, pending, losses):
    if not pending:
        return
    values = torch.stack([v for _, v in pending]).cpu().tolist()
    for (step, _), v in zip(pending, values):
        if not math.isfinite(v[0]) or abs(v[0]) > 1e6:
            raise UsageError(f"loss became {v[0]} at step {step} of {name}: try a lower learning rate (--lr)")
        losses.append((step, v))
    pending.clear()


def hyper_at(schedule, step):
    """T and alpha in force at a distillation step (the studio's live changes, as a schedule by step)."""
    current = schedule[0]
    for point in schedule:
        if point["step"] <= step:
            current = point
    return current["temperature"], current["alpha"]


def studio_rows(y_train, seed):
    """Row numbers into the training split, drawn as the studio draws them (src/engine/train/experimentData.ts): the
    teacher's rows after the seeded validation hold-out (src/engine/data/validation.ts), the validation rows, and the
    students' transfer rows (src/engine/data/subset.ts), each in the studio's order."""
    exp = EXPERIMENT
    idx = np.arange(len(y_train), dtype=np.int64)
    train, validation = idx, idx[:0]
    val_fraction = exp.get("validationFraction", 0)
    if val_fraction > 0:
        tr, _, va, _ = stratified_split(idx, y_train, val_fraction, derive_seed(seed, "validation"))
        if len(va) > 0 and len(tr) > 0:
            train, validation = tr, va
    transfer = exp["transfer"]
    subset = transfer["size"] > 0 or len(transfer["exclude"]) > 0
    rows = train
    if subset:
        rows, _ = stratified_subset(train, y_train[train], transfer["size"] if transfer["size"] > 0 else len(train),
                                    derive_seed(seed, "transfer"), transfer["exclude"])
    return {"train": train, "validation": validation, "transfer": rows}


def check_prepared_rows(rows, seed):
    """With --data, the rows drawn here must be the file's (the studio's) when the seed and split settings are the
    file's; with another --seed they are drawn anew, as the studio would with that seed."""
    header = getattr(CTX, "prepared", None)
    if not header:
        return
    exp = EXPERIMENT
    same = (header["seed"] == seed and header["validationFraction"] == exp.get("validationFraction", 0)
            and header["transferSize"] == exp["transfer"]["size"] and list(header["excludeClasses"]) == list(exp["transfer"]["exclude"]))
    if not same:
        log(f"note: the prepared dataset's validation and transfer rows are for seed {header['seed']}; drawing them for seed {seed}")
        return
    for name in ("train", "validation", "transfer"):
        if not np.array_equal(rows[name], CTX.prepared_rows[name]):
            raise UsageError(f"the {name} rows drawn from the seed differ from the prepared dataset's: this script and the file "
                             "come from different studio versions")
    log("split: the training, validation, test and transfer rows are the prepared dataset's")


def run(args):
    exp = EXPERIMENT
    t0 = time.perf_counter()
    x_train, y_train, x_test, y_test = load_data(args)
    shape = exp["inputShape"]
    classes = exp["numClasses"]
    if x_train.shape[1] != int(np.prod(shape)):
        raise UsageError(f"the data has {x_train.shape[1]} values per example; the models need {int(np.prod(shape))} ({shape})")
    rows = studio_rows(y_train, args.seed)
    if len(rows["validation"]) > 0:
        log(f"validation: {len(rows['validation'])} training examples held out, as in the studio")
    check_prepared_rows(rows, args.seed)
    xs, ys = x_train[rows["transfer"]], y_train[rows["transfer"]]
    x_train, y_train = x_train[rows["train"]], y_train[rows["train"]]
    if len(xs) == 0:
        raise UsageError("the transfer set is empty: include more examples or fewer excluded classes")

    def model_input(a):
        t = torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32)).reshape([-1] + list(shape))
        return t.permute(0, 3, 1, 2).contiguous() if t.dim() == 4 else t

    X, Y = model_input(x_train), torch.from_numpy(y_train).long()
    XS, YS = model_input(xs), torch.from_numpy(ys).long()
    XT, YT = model_input(x_test), torch.from_numpy(y_test).long()
    log(f"{exp['data']['name']}: {len(X)} training examples (students: {len(XS)}), {len(XT)} test examples; "
        f"{CTX.world} process(es) on {CTX.device}")
    image = len(shape) == 3
    augment = exp["augment"] if image else "off"
    # Flips only for colour images (NCHW with 3 channels), as in the studio; they go wherever an augmented batch is drawn.
    flip = bool(exp.get("flip")) and image and shape[2] == 3
    AUGMENT.update(shift=augment != "off", flip=flip)
    seed = args.seed
    curves = {"loss": {}, "epoch": {}}

    def recorder(phase, net, teacher_preds=None):
        def on_epoch(epoch):
            e = evaluate(net, XT, YT)
            row = curves["epoch"].setdefault(epoch, {"epoch": epoch})
            row[phase] = e["accuracy"]
            agree = None
            if teacher_preds is not None:
                agree = (e["preds"] == teacher_preds).float().mean().item()
                row["scratchAgree" if phase == "scratch" else "distillAgree"] = agree
            log(f"[{phase}] epoch {epoch}/{args.epochs}  test accuracy {100 * e['accuracy']:.2f}%  test loss {e['loss']:.4f}"
                + (f"  agreement {100 * agree:.2f}%" if agree is not None else ""))
        return on_epoch

    def quiet(epoch):
        pass

    def keep_losses(phase, losses):
        for step, v in losses:
            row = curves["loss"].setdefault(step, {"step": step})
            row[phase] = v[0]
            if phase == "distill":
                row["soft"], row["hard"] = v[1], v[2]
                if v[3] != 0:
                    row["hint"] = v[3]
                if len(v) > 5 and v[4] != 0:
                    row["at"] = v[4]
                if len(v) > 5 and v[5] != 0:
                    row["rkd"] = v[5]

    def hard(module, xb, yb, step, epoch):
        z, _ = module(xb)
        ce = F.cross_entropy(z.float(), yb)
        zero = torch.zeros((), device=ce.device)
        return ce, (zero, ce, zero, zero, zero)

    # Teacher: trained on every training example, or loaded with --teacher.
    teacher = Net(exp["teacher"])
    studio_init(teacher, derive_seed(seed, "teacher-init"))
    teacher.to(CTX.device)
    if args.teacher:
        load_teacher_file(teacher, args.teacher)
        teacher.to(CTX.device)
        te = evaluate(teacher, XT, YT)
        log(f"[teacher] loaded {args.teacher}: test accuracy {100 * te['accuracy']:.2f}%")
        curves["epoch"].setdefault(args.epochs, {"epoch": args.epochs})["teacher"] = te["accuracy"]
        teacher_ms = 0.0
    else:
        losses, teacher_ms = train_phase(args, "teacher", wrap(Trainee(teacher)), teacher, hard, X, Y, derive_seed(seed, "teacher-order"),
                                         derive_seed(seed, "teacher-dropout"),
                                         derive_seed(seed, "teacher-shift") if augment != "off" or flip else None,
                                         recorder("teacher", teacher))
        keep_losses("teacher", losses)
    te = freeze_and_evaluate(teacher, XT, YT)
    teacher_preds = te["preds"]

    def model_result(e, ms, params, agree):
        return {"accuracy": e["accuracy"], "loss": e["loss"], "agreement": agree, "params": params, "ece": e["ece"], "trainMs": ms}

    # A teacher ensemble (Hinton et al. 2015): teachers 2..K from their own seeds, trained as the studio trains them;
    # the students learn from the average of their probabilities at T, and agree with the average at T = 1.
    members = [teacher]
    ensemble = None
    if exp.get("ensemble"):
        size = exp["ensemble"]["size"]
        member_results = [model_result(te, teacher_ms, count_params(teacher), None)]
        for k in range(2, size + 1):
            tag = f"-ens{k}"
            # Teacher k's own architecture when the ensemble lists one (teachers 2..K), else the run's teacher's.
            arch = (exp["ensemble"].get("members") or [exp["teacher"]] * (size - 1))[k - 2]
            net = studio_init(Net(arch), derive_seed(seed, f"teacher-init{tag}")).to(CTX.device)
            _, ms = train_phase(args, f"teacher {k}", wrap(Trainee(net)), net, hard, X, Y, derive_seed(seed, f"teacher-order{tag}"),
                                derive_seed(seed, f"teacher-dropout{tag}"),
                                derive_seed(seed, f"teacher-shift{tag}") if augment != "off" or flip else None, quiet)
            e = freeze_and_evaluate(net, XT, YT)
            log(f"[teacher {k}/{size}] test accuracy {100 * e['accuracy']:.2f}%")
            members.append(net)
            member_results.append(model_result(e, ms, count_params(net), None))
        with torch.no_grad():
            test_logits = [torch.cat([m(XT[i:i + 1000].to(CTX.device)).float().cpu() for i in range(0, len(XT), 1000)]) for m in members]
        ce = evaluate_logits(ensemble_logits(test_logits, 1.0), YT)
        teacher_preds = ce["preds"]
        combined = model_result(ce, sum(r["trainMs"] for r in member_results), sum(r["params"] for r in member_results), None)
        ensemble = {"members": member_results, "combined": combined}
        log(f"[ensemble of {size}] test accuracy {100 * ce['accuracy']:.2f}%")

    def teacher_forward(xb, temperature):
        """The teacher's logits and hidden blocks, or the ensemble's logits (it has no hidden blocks)."""
        with torch.no_grad():
            if len(members) > 1:
                return ensemble_logits([m(xb) for m in members], temperature), None
            return teacher(xb, with_hidden=True, flat=False)

    hint = exp["loss"].get("hint")
    attention = exp["loss"].get("attention")
    rkd = exp["loss"].get("rkd")
    # Attention transfer and hidden-layer RKD read every hidden block of both models, unflattened.
    taps = attention is not None or (rkd is not None and rkd["source"] == "hidden")
    schedule = [{"step": 0, "temperature": exp["loss"]["temperature"], "alpha": exp["loss"]["alpha"]}] + exp["schedule"]
    final_hyper = (schedule[-1]["temperature"], schedule[-1]["alpha"])

    def distill_loss(hyper, source=None, plain=False):
        """The distillation loss from `source` (the teacher, the ensemble or the assistant); `plain`: KD alone (the assistant's)."""
        def loss(module, xb, yb, step, epoch):
            temperature, alpha = hyper(step)
            if taps and not plain:
                z_s, h_s, hidden_s = module(xb, hint["studentLayer"] if hint else None, taps=True)
            else:
                z_s, h_s = module(xb, hint["studentLayer"] if hint and not plain else None)
            z_t, h_t = (source or student_source)(xb, temperature)
            z_s, z_t = z_s.float(), z_t.float()
            soft = alpha * soft_term(z_s, z_t, temperature, yb, epoch)
            hard_part = (1 - alpha) * F.cross_entropy(z_s, yb)
            total = soft + hard_part
            zero = torch.zeros((), device=total.device)
            if plain:
                return total, (soft, hard_part, zero, zero, zero)
            hint_part = zero
            if hint:
                hint_part = hint["beta"] * F.mse_loss(h_s.float(), to_channels_last_flat(h_t[hint["teacherLayer"]]).float())
                total = total + hint_part
            at_part = zero
            if attention:
                at_part = attention["beta"] * sum(attention_loss(hidden_s[sl].float(), h_t[tl].float())
                                                  for tl, sl in zip(attention["teacherLayers"], attention["studentLayers"]))
                total = total + at_part
            rkd_part = zero
            if rkd:
                pair = (hidden_s[rkd["studentLayer"]], h_t[rkd["teacherLayer"]]) if rkd["source"] == "hidden" else (z_s, z_t)
                rkd_part = rkd_loss(pair[0], pair[1], rkd["distanceWeight"], rkd["angleWeight"])
                total = total + rkd_part
            return total, (soft, hard_part, hint_part, at_part, rkd_part)
        return loss

    # A teaching assistant (Mirzadeh et al. 2020): distilled from the teacher (or ensemble) at the run's first T and alpha,
    # with KD alone; the distilled students then learn from it.
    student_source = teacher_forward
    assistant_result = None
    if exp.get("assistant"):
        assistant = studio_init(Net(exp["assistant"]), derive_seed(seed, "assistant-init")).to(CTX.device)
        fixed = (schedule[0]["temperature"], schedule[0]["alpha"])
        # Its curves go to report.json as the studio draws them: loss per step, test accuracy per epoch.
        losses, assistant_ms = train_phase(args, "assistant", wrap(Trainee(assistant)), assistant,
                                           distill_loss(lambda step: fixed, teacher_forward, plain=True), XS, YS,
                                           derive_seed(seed, "assistant-order"), derive_seed(seed, "assistant-dropout"),
                                           derive_seed(seed, "assistant-shift") if augment == "all" else None,
                                           recorder("assistant", assistant))
        keep_losses("assistant", losses)
        ae = freeze_and_evaluate(assistant, XT, YT)
        assistant_result = model_result(ae, assistant_ms, count_params(assistant), (ae["preds"] == teacher_preds).float().mean().item())
        log(f"[assistant] test accuracy {100 * ae['accuracy']:.2f}%")

        def student_source(xb, temperature):
            with torch.no_grad():
                return assistant(xb, with_hidden=True, flat=False)

    def scratch_loss(module, xb, yb, step, epoch):
        z, _ = module(xb)
        ce = F.cross_entropy(z.float(), yb)
        zero = torch.zeros((), device=ce.device)
        return ce, (zero, ce, zero, zero, zero)

    def student_seeds(trial):
        suffix = "" if trial == 0 else f"-{trial}"
        return derive_seed(seed, f"student-init{suffix}"), derive_seed(seed, f"student-order{suffix}")

    def train_student(phase, init_seed, order, hyper, report):
        net = studio_init(Net(exp["student"]), init_seed).to(CTX.device)
        adapter = None
        if phase == "distill" and hint and hint["studentWidth"] != hint["teacherWidth"]:
            adapter = nn.Linear(hint["studentWidth"], hint["teacherWidth"])
            rng = Rng(derive_seed(order, "hint-adapter"))
            limit = math.sqrt(6 / (hint["studentWidth"] + hint["teacherWidth"]))
            kernel = np.array([rng.uniform(-limit, limit) for _ in range(hint["studentWidth"] * hint["teacherWidth"])], dtype=np.float32)
            with torch.no_grad():
                adapter.weight.copy_(torch.from_numpy(kernel.reshape(hint["studentWidth"], hint["teacherWidth"]).T))
                adapter.bias.zero_()
            adapter.to(CTX.device)
        module = wrap(Trainee(net, adapter))
        on_epoch = recorder(phase, net, teacher_preds) if report else quiet
        loss = scratch_loss if phase == "scratch" else distill_loss(hyper)
        losses, ms = train_phase(args, phase, module, net, loss, XS, YS, order, derive_seed(order, "student-dropout"),
                                 derive_seed(order, "student-shift") if augment == "all" else None, on_epoch,
                                 extra=[adapter] if adapter is not None else [])
        if report:
            keep_losses(phase, losses)
        return net, evaluate(net, XT, YT), ms

    init0, order0 = student_seeds(0)
    scratch, se, scratch_ms = train_student("scratch", init0, order0, None, True)
    distilled, de, distill_ms = train_student("distill", init0, order0, lambda step: hyper_at(schedule, step), True)

    trials = []
    seeds = None
    if args.seeds > 1:
        scratch_acc, distilled_acc = [se["accuracy"]], [de["accuracy"]]
        for trial in range(1, args.seeds):
            init, order = student_seeds(trial)
            _, sr, _ = train_student("scratch", init, order, None, False)
            _, dr, _ = train_student("distill", init, order, lambda step: final_hyper, False)
            scratch_acc.append(sr["accuracy"])
            distilled_acc.append(dr["accuracy"])
            trials.append({"kind": "seed", "index": trial, "total": args.seeds, "seed": trial + 1,
                           "scratch": sr["accuracy"], "distilled": dr["accuracy"]})
            log(f"[seed {trial + 1}/{args.seeds}] scratch {100 * sr['accuracy']:.2f}%  distilled {100 * dr['accuracy']:.2f}%")
        gains = [(d - s) * 100 for s, d in zip(scratch_acc, distilled_acc)]
        seeds = {"scratch": spread(scratch_acc), "distilled": spread(distilled_acc), "gains": gains, "gain": spread(gains)}

    sweep = None
    if exp["sweep"]:
        sweep = {"baseline": se["accuracy"], "points": []}
        for index, point in enumerate(exp["sweep"]):
            fixed = (point["temperature"], point["alpha"])
            _, r, _ = train_student("distill", init0, order0, lambda step, fixed=fixed: fixed, False)
            agree = (r["preds"] == teacher_preds).float().mean().item()
            result = {"kind": "sweep", "index": index, "total": len(exp["sweep"]), "temperature": fixed[0], "alpha": fixed[1],
                      "accuracy": r["accuracy"], "agreement": agree}
            sweep["points"].append(result)
            trials.append(result)
            log(f"[sweep {index + 1}/{len(exp['sweep'])}] T {fixed[0]:g}  alpha {fixed[1]:g}: distilled {100 * r['accuracy']:.2f}%")

    agree = lambda e: (e["preds"] == teacher_preds).float().mean().item()  # noqa: E731
    student_params = count_params(scratch)
    n_samples = min(6, len(XT))
    feature_len = int(np.prod(shape))
    results = {
        "teacher": model_result(te, teacher_ms, count_params(teacher), None),
        "scratch": model_result(se, scratch_ms, student_params, agree(se)),
        "distilled": model_result(de, distill_ms, student_params, agree(de)),
        "gainPoints": (de["accuracy"] - se["accuracy"]) * 100,
        "samples": [{"input": x_test[i].tolist() if feature_len <= 16 else [], "label": int(y_test[i]),
                     "studentProbs": de["probs"][i].tolist()} for i in range(n_samples)],
        "seeds": seeds,
        "sweep": sweep,
        "latency": None,
        "trainCounts": {"teacher": len(X), "students": len(XS)},
    }
    if ensemble:
        results["ensemble"] = ensemble
    if assistant_result:
        results["assistant"] = assistant_result
    if CTX.rank == 0:
        save_outputs(args, teacher, scratch, distilled, results, curves, trials, time.perf_counter() - t0)
    return results


def spread(values):
    n = len(values)
    m = sum(values) / n if n else 0.0
    std = math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    return {"mean": m, "std": std, "n": n}


def save_outputs(args, teacher, scratch, distilled, results, curves, trials, seconds):
    """state_dicts, TensorFlow.js models and report.json (the studio's history format) under --out."""
    out = args.out
    os.makedirs(out, exist_ok=True)
    torch.save(teacher.state_dict(), os.path.join(out, "teacher.pt"))
    torch.save(scratch.state_dict(), os.path.join(out, "scratch_student.pt"))
    torch.save(distilled.state_dict(), os.path.join(out, "distilled_student.pt"))
    save_tfjs(teacher, os.path.join(out, "teacher_tfjs"), "teacher")
    save_tfjs(distilled, os.path.join(out, "student_tfjs"), "student")
    model, data = tfjs_artifacts(distilled, "student")
    config = dict(EXPERIMENT["config"], epochs=args.epochs, batchSize=args.batch_size, learningRate=args.lr, seed=args.seed,
                  repeats=args.seeds, pretrainedTeacher=None)
    if CTX.scaling and isinstance(config.get("userData"), dict) and isinstance(config["userData"].get("csv"), dict):
        # Where the studio's own history records keep the statistics: the upload's CSV metadata.
        config["userData"] = dict(config["userData"], csv=dict(config["userData"]["csv"], featureScaling=CTX.scaling))
    if CTX.missing and isinstance(config.get("userData"), dict) and isinstance(config["userData"].get("csv"), dict):
        config["userData"] = dict(config["userData"], csv=dict(config["userData"]["csv"], missing=CTX.missing))
    schedule = EXPERIMENT["schedule"]
    record = {
        "id": f"pytorch-{uuid.uuid4()}",
        "name": f"PyTorch {torch.__version__} · {EXPERIMENT['data']['name']} · {CTX.world}× {CTX.device.type}"
                + (" · full dataset" if args.full_dataset else ""),
        "createdAt": int(time.time() * 1000),
        "config": config,
        "results": results,
        "lossRows": [curves["loss"][k] for k in sorted(curves["loss"])],
        "epochRows": [curves["epoch"][k] for k in sorted(curves["epoch"])],
        "marks": [{"phase": "distill", "step": p["step"], "temperature": p["temperature"], "alpha": p["alpha"]}
                  for p in schedule],
        "trials": trials,
        "backend": None,
        "student": {"topology": model["modelTopology"], "weightSpecs": model["weightsManifest"][0]["weights"],
                    "weightData": base64.b64encode(data).decode("ascii"), "generatedBy": model["generatedBy"]},
    }
    report = {"format": "distill-studio-history", "version": 1, "exportedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "runs": [record], "pytorch": {"torch": torch.__version__, "device": str(CTX.device), "processes": CTX.world,
                                            "seconds": seconds}}
    if CTX.scaling:
        report["featureScaling"] = CTX.scaling  # as in the studio's student.zip report.json
    if CTX.missing:
        report["missingValues"] = CTX.missing
    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump(report, f)
    r = results
    log()
    log(f"{'model':<10} {'accuracy':>9} {'loss':>8} {'agreement':>10} {'params':>10}")
    for name in ("teacher", "scratch", "distilled"):
        m = r[name]
        a = "-" if m["agreement"] is None else f"{100 * m['agreement']:.2f}%"
        log(f"{name:<10} {100 * m['accuracy']:>8.2f}% {m['loss']:>8.4f} {a:>10} {m['params']:>10}")
    log(f"distilled - scratch: {r['gainPoints']:+.2f} points")
    if r["seeds"]:
        s = r["seeds"]
        log(f"over {args.seeds} seeds: scratch {100 * s['scratch']['mean']:.2f} ± {100 * s['scratch']['std']:.2f}%, distilled "
            f"{100 * s['distilled']['mean']:.2f} ± {100 * s['distilled']['std']:.2f}%, gain {s['gain']['mean']:+.2f} ± {s['gain']['std']:.2f} points")
    log(f"saved under {out}: teacher.pt, scratch_student.pt, distilled_student.pt, teacher_tfjs/, student_tfjs/, report.json")


def parse_args(argv=None):
    c = EXPERIMENT["config"]
    data = EXPERIMENT["data"]
    p = argparse.ArgumentParser(
        description=f"Distill Studio experiment on {data['name']}: a teacher, a student from scratch and the same student "
                    "distilled from the teacher. Runs unchanged under torchrun --nproc_per_node=N (DistributedDataParallel).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--data-dir", default="datasets", help="folder with the studio's dataset files (public/datasets/*.bin.gz), "
                   "where missing ones are downloaded to; torchvision's folder with --full-dataset")
    p.add_argument("--data-url", default=data.get("url"), help="address the studio serves its dataset files from (used when a file "
                   "is not in --data-dir)")
    p.add_argument("--full-dataset", action="store_true", help="MNIST / Fashion-MNIST: the full torchvision dataset "
                   "(60,000 / 10,000) instead of the studio's file")
    p.add_argument("--data", default=None, help="the studio's prepared dataset (\"Export the prepared dataset\", a .dspd file): "
                   "the exact examples, labels and split the studio used" + (" (needed for this experiment, or --images)" if data["kind"] == "prepared" and data.get("folder")
                                                                            else " (needed for this experiment)" if data["kind"] == "prepared" else ""))
    p.add_argument("--images", default=None, help="a class-per-folder tree of pictures, decoded with PIL and resized and split as the "
                   "studio did" + (f" ({data['folder']['size']}x{data['folder']['size']}, {data['folder']['fit']}; pixels differ slightly from the browser's)"
                                   if data.get("folder") else " (only for experiments on a folder of pictures)"))
    p.add_argument("--csv", default=None, help="the CSV file the studio trained on (uploaded data), or another with the same columns"
                   + (f"; columns: {', '.join(data['columns'])} (label: {data['labelColumn']})" if data["kind"] == "csv" else "")
                   + ("; its features are standardised with the studio's training-split mean and deviation (EXPERIMENT data "
                      "featureScaling), whatever file is given" if data.get("featureScaling") else "")
                   + ("; its features are standardised with its own training split's mean and deviation"
                      if data.get("standardize") and not data.get("featureScaling") else "")
                   + ({"drop": "; rows with a missing cell (empty or not a number) or an empty label are dropped, as in the studio",
                       "fill": "; rows with an empty label are dropped and missing cells (empty or not a number) are filled with the "
                               "studio's training-split means (EXPERIMENT data missing fill), as in the studio"}
                      .get((data.get("missing") or {}).get("rule"), "")))
    p.add_argument("--epochs", type=int, default=c["epochs"], help="epochs of every phase")
    p.add_argument("--batch-size", type=int, default=c["batchSize"], help="examples per step over all processes")
    p.add_argument("--lr", type=float, default=c["learningRate"], help=f"learning rate ({EXPERIMENT['optimizer']})")
    p.add_argument("--seed", type=int, default=c["seed"], help="the studio's seed (data, split, initial weights, batch order)")
    p.add_argument("--seeds", type=int, default=c["repeats"], help="train both students with this many seeds and report mean ± std")
    p.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default="auto", help="auto: cuda when available, else cpu")
    p.add_argument("--amp", action="store_true", help="mixed precision (CUDA only)")
    p.add_argument("--out", default="distill_out", help="folder for the models and report.json")
    p.add_argument("--teacher", default=None, help="skip teacher training: a teacher.pt state_dict or a TensorFlow.js model.json "
                   "(or its folder) of the same architecture")
    p.add_argument("--workers", type=int, default=0, help="data-loader worker processes (the data is in memory, "
                   "so 0 is usually fastest)")
    args = p.parse_args(argv)
    for name in ("epochs", "batch_size", "seeds"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if not (args.lr > 0):
        p.error("--lr must be greater than 0")
    return args


def main(argv=None):
    args = parse_args(argv)
    try:
        setup(args)
        run(args)
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr, flush=True)
        sys.exit(2)
    finally:
        import torch.distributed as dist

        if dist.is_available() and dist.is_initialized():
            dist.destroy_process_group()


if __name__ == "__main__":
    main()
