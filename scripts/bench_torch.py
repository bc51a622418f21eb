"""The bench recipes of `npm run bench` in PyTorch, for the ratio the bench prints (same shapes, Adam, random data).

Usage: python3 scripts/bench_torch.py THREADS SECONDS  → one JSON line: examples/s per recipe and phase.
"""
import json
import sys
import time

import torch
from torch import nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
budget = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
torch.set_num_threads(threads)
WINDOWS = 4  # as BENCH_WINDOWS in throughputRecipes.ts
torch.manual_seed(0)


def mlp(hidden, features=784):
    layers, width = [], features
    for h in hidden:
        layers += [nn.Linear(width, h), nn.ReLU()]
        width = h
    return nn.Sequential(nn.Flatten(), *layers, nn.Linear(width, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10))


def colour_vgg():
    """The colour-vgg-bn preset as the studio builds it: valid 3×3 convs, conv → batch norm → ReLU."""
    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
    return nn.Sequential(
        *block(3, 16), nn.MaxPool2d(2), *block(16, 32), *block(32, 32), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 5 * 5, 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, 10))


def rate(model, shape, batch, distil):
    """Examples per second of Adam steps on random data, timed for `budget` seconds after a warm-up (whole and best window)."""
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    x = torch.rand(batch, *shape)
    y = torch.randint(0, 10, (batch,))
    zt = torch.randn(batch, 10)
    t, a = 4.0, 0.7

    def step():
        opt.zero_grad(set_to_none=True)
        z = model(x)
        if distil:
            soft = nn.functional.kl_div(nn.functional.log_softmax(z / t, 1), nn.functional.log_softmax(zt / t, 1), reduction='batchmean', log_target=True)
            loss = a * t * t * soft + (1 - a) * nn.functional.cross_entropy(z, y)
        else:
            loss = nn.functional.cross_entropy(z, y)
        loss.backward()
        opt.step()

    for _ in range(5):
        step()
    # The budget in equal windows, as the studio's bench times its phases: the whole run's rate and the fastest window's.
    total_steps, total_seconds, best = 0, 0.0, 0.0
    for _ in range(WINDOWS):
        steps, start = 0, time.perf_counter()
        while time.perf_counter() - start < budget / WINDOWS:
            step()
            steps += 1
        seconds = time.perf_counter() - start
        total_steps, total_seconds = total_steps + steps, total_seconds + seconds
        best = max(best, steps * batch / seconds)
    return {'whole': total_steps * batch / total_seconds, 'best': best}


print(json.dumps({
    'torch': torch.__version__,
    'threads': threads,
    'mlp': {
        'teacher': rate(mlp([512, 512]), (784,), 128, False),
        'scratch': rate(mlp([32]), (784,), 128, False),
        'distill': rate(mlp([32]), (784,), 128, True),
    },
    'cnn': {'teacher': rate(cnn(), (1, 28, 28), 64, False)},
    'colour': {'teacher': rate(colour_vgg(), (3, 32, 32), 64, False)},
}))
