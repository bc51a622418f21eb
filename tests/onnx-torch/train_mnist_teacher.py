#!/usr/bin/env python3
"""Trains a small CNN teacher in PyTorch on the studio's shipped MNIST file (public/datasets/mnist.bin.gz, the same
8,000 / 2,000 split the studio uses) for one epoch, exports it with torch.onnx.export, and prints its test accuracy
as one JSON line. The ONNX-teacher end-to-end test (tests/e2e/onnx-torch.spec.ts) loads that file in the studio.

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread /usr/bin/python3 tests/onnx-torch/train_mnist_teacher.py OUT_DIR

Needs Debian's python3-torch (1.13) and python3-numpy. Writes OUT_DIR/mnist-teacher.onnx and OUT_DIR/mnist-teacher.json.
"""
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')


def load_bundle(path):
    """Reads a DSIB bundle (format in src/engine/data/bundle.ts): pixels as float32 / 255 in NCHW, labels as int64."""
    with gzip.open(path, 'rb') as f:
        raw = f.read()
    magic, version, rows, cols, channels, classes, n_train, n_test, _seed = struct.unpack_from('<4s8I', raw, 0)
    assert magic == b'DSIB' and version == 1, 'not a DSIB v1 bundle'
    size = rows * cols * channels
    offset = 36

    def take(count, length):
        nonlocal offset
        out = np.frombuffer(raw, dtype=np.uint8, count=count * length, offset=offset)
        offset += count * length
        return out

    def images(count):
        # The studio stores HWC and scales pixels by 1/255 (float32); PyTorch convolutions want NCHW.
        px = take(count, size).reshape(count, rows, cols, channels).astype(np.float32) / np.float32(255)
        return torch.from_numpy(np.ascontiguousarray(px.transpose(0, 3, 1, 2)))

    x_train = images(n_train)
    y_train = torch.from_numpy(take(n_train, 1).astype(np.int64))
    x_test = images(n_test)
    y_test = torch.from_numpy(take(n_test, 1).astype(np.int64))
    return x_train, y_train, x_test, y_test, classes


class SmallCnn(nn.Module):
    """conv16·3×3, pool, conv32·3×3, pool, dense64, dense10 (logits)."""

    def __init__(self, classes):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(32 * 5 * 5, 64), nn.ReLU(), nn.Linear(64, classes))

    def forward(self, x):
        return self.head(self.features(x))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else '.'
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(2)
    x_train, y_train, x_test, y_test, classes = load_bundle(os.path.join(ROOT, 'public', 'datasets', 'mnist.bin.gz'))
    model = SmallCnn(classes)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_fn = nn.CrossEntropyLoss()
    started = time.time()
    model.train()
    order = torch.randperm(len(x_train))
    for i in range(0, len(order), 64):
        idx = order[i:i + 64]
        opt.zero_grad()
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        loss.backward()
        opt.step()
    train_seconds = time.time() - started
    model.eval()
    with torch.no_grad():
        logits = model(x_test)
        accuracy = (logits.argmax(1) == y_test).float().mean().item()
    onnx_path = os.path.join(out_dir, 'mnist-teacher.onnx')
    torch.onnx.export(
        model, x_test[:1], onnx_path, input_names=['input'], output_names=['logits'],
        dynamic_axes={'input': {0: 'N'}, 'logits': {0: 'N'}}, opset_version=13,
    )
    result = {
        'onnx': onnx_path,
        'testAccuracy': accuracy,
        'testCount': len(x_test),
        'trainCount': len(x_train),
        'trainSeconds': round(train_seconds, 2),
        'torch': torch.__version__,
        'firstTestLogits': logits[:4].tolist(),
    }
    with open(os.path.join(out_dir, 'mnist-teacher.json'), 'w') as f:
        json.dump(result, f)
    print(json.dumps({k: v for k, v in result.items() if k != 'firstTestLogits'}))


if __name__ == '__main__':
    main()
