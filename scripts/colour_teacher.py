#!/usr/bin/env python3
"""A colour ONNX teacher made in PyTorch from the studio's built-in colour set, for `npm run test:pytorch`
(tests/e2e-pytorch/colour-teacher.spec.ts) and for anyone who wants to try a PyTorch teacher on pictures.

    # 1. pictures and a teacher (the colour set's prepared dataset: the studio's "Export the prepared dataset")
    python3 scripts/colour_teacher.py make --data colour-shapes.dspd --out OUT [--epochs 2] [--studio-per-class 100]
    # 2. the teacher's accuracy on exactly the studio's test split of OUT/studio.zip (its prepared dataset)
    python3 scripts/colour_teacher.py eval --out OUT --data studio_prepared.dspd

`make` writes the colour set's pixels (rounded to bytes) as PNG files in two class-per-folder trees: OUT/teacher-train/
(the set's training split: what PyTorch trains on, read back with PIL as torchvision's ImageFolder would) and
OUT/studio/ plus OUT/studio.zip (pictures from the set's test split, never seen in training: what the studio loads). Class folders are
named 0-circle, 1-square, ... so that sorted by name they keep the set's label order (the teacher's output order).
It trains a small colour CNN (conv + batch norm blocks) on normalised pixels, (pixel / 255 - mean) / std per
channel with the training pictures' mean and std, exports it with torch.onnx.export (input [N, 3, 32, 32], NCHW,
normalised: state the pixel scale 0-1 and that mean and std in the studio), and writes OUT/colour-teacher.onnx,
OUT/colour-teacher.pt and OUT/colour-teacher.json (mean, std, accuracy on all of OUT/studio).
`eval` prints the accuracy of OUT/colour-teacher.pt on the test rows of a prepared dataset as one JSON line.

Needs torch, numpy and Pillow (Debian: python3-torch python3-numpy python3-pil).
"""
import argparse
import json
import os
import sys
import time
import zipfile
import zlib

import numpy as np
import torch
from torch import nn


def read_prepared(path):
    """A prepared dataset (src/engine/export/preparedDataset.ts): header, pixels as bytes (NHWC), labels, rows."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"DSPD":
        sys.exit(f"{path} is not a Distill Studio prepared dataset")
    version, header_len, crc = np.frombuffer(data[4:16], dtype="<u4").tolist()
    if version != 1 or zlib.crc32(data[16:]) & 0xFFFFFFFF != crc:
        sys.exit(f"{path}: version {version} or checksum mismatch")
    header = json.loads(data[16:16 + header_len].decode("utf-8"))
    sections = {}
    for s in header["sections"]:
        dtype = {"uint8": np.uint8, "float32": "<f4", "int32": "<i4"}[s["dtype"]]
        sections[s["name"]] = np.frombuffer(data, dtype=dtype, count=int(np.prod(s["shape"])), offset=s["offset"]).reshape(s["shape"])
    x = sections["x"]
    # Float pixels (the generated set) become the bytes a PNG can hold.
    pixels = x if header["pixels"] == "uint8" else np.clip(np.floor(x * 255 + 0.5), 0, 255).astype(np.uint8)
    return header, pixels, sections["y"].astype(np.int64), {k: sections[k].astype(np.int64) for k in ("train", "test")}


def write_tree(root, classes, pixels, labels, rows):
    """PNG files, one folder per class, named in row order (the studio sorts files by path)."""
    from PIL import Image

    for c in classes:
        os.makedirs(os.path.join(root, c), exist_ok=True)
    paths = []
    for k, r in enumerate(rows):
        path = os.path.join(root, classes[labels[r]], f"{k:05d}.png")
        Image.fromarray(np.ascontiguousarray(pixels[r])).save(path)
        paths.append(path)
    return paths


def read_tree(root, classes):
    """A class-per-folder tree read back with PIL (as torchvision's ImageFolder): RGB bytes NHWC and labels."""
    from PIL import Image

    xs, ys = [], []
    for label, c in enumerate(classes):
        for name in sorted(os.listdir(os.path.join(root, c))):
            with Image.open(os.path.join(root, c, name)) as im:
                xs.append(np.asarray(im.convert("RGB"), dtype=np.uint8))
            ys.append(label)
    return np.stack(xs), np.asarray(ys, dtype=np.int64)


class ColourCnn(nn.Module):
    """Three conv 3x3 + batch norm + ReLU blocks (12, 24, 32 filters) with 2x2 pooling, then a linear layer."""

    def __init__(self, classes):
        super().__init__()

        def block(i, o):
            return [nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(), nn.MaxPool2d(2)]

        self.features = nn.Sequential(*block(3, 12), *block(12, 24), *block(24, 32))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(32 * 4 * 4, classes))

    def forward(self, x):
        return self.head(self.features(x))


def normalised(x_bytes, mean, std):
    """NHWC bytes to the model's input: NCHW, (byte / 255 - mean) / std per channel, float32 (the studio's order:
    pixel in [0, 1] as float32, then minus the mean, then divided by the std)."""
    x = x_bytes.astype(np.float32) / np.float32(255)
    x = (x - np.asarray(mean, dtype=np.float32)) / np.asarray(std, dtype=np.float32)
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))


@torch.no_grad()
def accuracy(model, x, y):
    model.eval()
    preds = torch.cat([model(x[i:i + 500]).argmax(1) for i in range(0, len(x), 500)])
    return (preds == torch.from_numpy(y)).float().mean().item(), int((preds == torch.from_numpy(y)).sum().item())


def make(args):
    header, pixels, labels, rows = read_prepared(args.data)
    # Folder names that sort (by code point, as the studio and torchvision sort them) in the set's label order, so
    # the teacher's k-th output is the studio's k-th class: 0-circle, 1-square, ...
    classes = [f"{k}-{name}" for k, name in enumerate(header["classNames"])]
    out = args.out
    os.makedirs(out, exist_ok=True)
    # The studio's folder: the first N pictures of each class in the set's test split (never trained on).
    studio_rows = np.concatenate([rows["test"][labels[rows["test"]] == k][:args.studio_per_class] for k in range(len(classes))])
    write_tree(os.path.join(out, "teacher-train"), classes, pixels, labels, rows["train"])
    studio_paths = write_tree(os.path.join(out, "studio", "colour-shapes"), classes, pixels, labels, studio_rows)
    with zipfile.ZipFile(os.path.join(out, "studio.zip"), "w", zipfile.ZIP_STORED) as z:
        for p in studio_paths:
            z.write(p, os.path.relpath(p, os.path.join(out, "studio")))
    x_train, y_train = read_tree(os.path.join(out, "teacher-train"), classes)
    x_studio, y_studio = read_tree(os.path.join(out, "studio", "colour-shapes"), classes)
    # The normalisation the user states in the studio: the training pictures' mean and std per channel (3 decimals).
    scaled = x_train.reshape(-1, 3).astype(np.float64) / 255
    mean = [round(float(v), 3) for v in scaled.mean(axis=0)]
    std = [round(float(v), 3) for v in scaled.std(axis=0)]
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    model = ColourCnn(len(classes))
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    xt, yt = normalised(x_train, mean, std), torch.from_numpy(y_train)
    started = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(xt))
        for i in range(0, len(order), 64):
            idx = order[i:i + 64]
            opt.zero_grad()
            loss_fn(model(xt[idx]), yt[idx]).backward()
            opt.step()
        acc, _ = accuracy(model, normalised(x_studio, mean, std), y_studio)
        print(f"epoch {epoch + 1}/{args.epochs}: accuracy on the studio's pictures {100 * acc:.2f}%", flush=True)
    model.eval()
    acc, correct = accuracy(model, normalised(x_studio, mean, std), y_studio)
    onnx_path = os.path.join(out, "colour-teacher.onnx")
    torch.onnx.export(model, normalised(x_studio[:1], mean, std), onnx_path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}}, opset_version=13)
    torch.save(model.state_dict(), os.path.join(out, "colour-teacher.pt"))
    result = {"onnx": onnx_path, "zip": os.path.join(out, "studio.zip"), "classes": classes, "scale": 1, "mean": mean, "std": std,
              "trainCount": len(x_train), "studioCount": len(x_studio), "studioAccuracy": acc, "studioCorrect": correct,
              "params": sum(p.numel() for p in model.parameters()), "trainSeconds": round(time.time() - started, 2),
              "torch": torch.__version__}
    with open(os.path.join(out, "colour-teacher.json"), "w") as f:
        json.dump(result, f)
    print(json.dumps(result))


def evaluate(args):
    with open(os.path.join(args.out, "colour-teacher.json")) as f:
        made = json.load(f)
    header, pixels, labels, rows = read_prepared(args.data)
    if header["classNames"] != made["classes"]:
        sys.exit(f"{args.data} has the classes {header['classNames']}, the teacher {made['classes']}")
    model = ColourCnn(len(made["classes"]))
    model.load_state_dict(torch.load(os.path.join(args.out, "colour-teacher.pt")))
    test = rows["test"]
    acc, correct = accuracy(model, normalised(pixels[test], made["mean"], made["std"]), labels[test])
    print(json.dumps({"testAccuracy": acc, "testCorrect": correct, "testCount": len(test), "pixels": header["pixels"]}))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make", help="write the PNG trees, train the teacher, export it to ONNX")
    m.add_argument("--data", required=True, help="prepared dataset of the built-in colour set (.dspd)")
    m.add_argument("--out", required=True)
    m.add_argument("--epochs", type=int, default=2)
    m.add_argument("--lr", type=float, default=2e-3)
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--studio-per-class", type=int, default=100, help="pictures per class in the studio's folder")
    e = sub.add_parser("eval", help="the teacher's accuracy on the test rows of a prepared dataset")
    e.add_argument("--out", required=True)
    e.add_argument("--data", required=True)
    args = p.parse_args()
    make(args) if args.command == "make" else evaluate(args)


if __name__ == "__main__":
    main()
