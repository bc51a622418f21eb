"""The bench recipes of `npm run bench` in PyTorch, for the ratio the bench prints (same shapes, Adam, random data, the
same loop: shuffled batches gathered from the set).

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


def rate(model, shape, batch, distil, examples):
    """Examples per second of Adam steps, timed for `budget` seconds after a warm-up (whole and best window).

    As the studio's loop does: `examples` random examples with labels and cached teacher logits, each epoch in a new
    shuffled order, each batch gathered from the set (its rows, labels and teacher logits).
    """
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    xs = torch.rand(examples, *shape)
    ys = torch.randint(0, 10, (examples,))
    zts = torch.randn(examples, 10)
    t, a = 4.0, 0.7
    order = {'perm': torch.randperm(examples), 'at': 0}

    def next_batch():
        if order['at'] + batch > examples:
            order['perm'], order['at'] = torch.randperm(examples), 0
        idx = order['perm'][order['at']:order['at'] + batch]
        order['at'] += batch
        return xs[idx], ys[idx], zts[idx]

    def step():
        x, y, zt = next_batch()
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
        'teacher': rate(mlp([512, 512]), (784,), 128, False, 8192),
        'scratch': rate(mlp([32]), (784,), 128, False, 8192),
        'distill': rate(mlp([32]), (784,), 128, True, 8192),
    },
    'cnn': {'teacher': rate(cnn(), (1, 28, 28), 64, False, 4096)},
    'colour': {'teacher': rate(colour_vgg(), (3, 32, 32), 64, False, 4096)},
}))
