#!/usr/bin/env python3
"""Writes the small generated samples under configs/data/ that no public dataset here provides.

  python3 tools/synthetic_samples.py sines   configs/data/synthetic/sines.npy
  python3 tools/synthetic_samples.py smd     configs/data/nab/ambient_temperature_system_failure.csv \
      configs/data/nab/combined_windows.json configs/data/smd-style/

sines: a [6000, 3] float32 series (two daily-like sines of different periods plus noise, and their sum with a
lag), for the npy loader's example.
smd: a real NAB series (ambient temperature of an office, hourly) rewritten in the Server Machine Dataset layout:
headerless comma-separated train (first half, unlabelled) and test (second half) files and one 0/1 label per test
row from NAB's anomaly windows.
"""
import json
import os
import sys

import numpy as np


def sines(out):
    rng = np.random.default_rng(2024)
    t = np.arange(6000)
    a = np.sin(2 * np.pi * t / 24) + 0.1 * rng.standard_normal(t.size)
    b = 0.5 * np.sin(2 * np.pi * t / 168) + 0.1 * rng.standard_normal(t.size)
    c = np.roll(a + b, 6) + 0.05 * rng.standard_normal(t.size)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    np.save(out, np.stack([a, b, c], axis=1).astype(np.float32))


def smd(series, windows, out):
    rows = [line.strip().split(",") for line in open(series)][1:]
    key = [k for k in json.load(open(windows)) if k.endswith("/" + os.path.basename(series))][0]
    spans = json.load(open(windows))[key]
    times = [r[0] for r in rows]
    values = [r[1] for r in rows]
    labels = ["1" if any(s[:19] <= t <= e[:19] for s, e in spans) else "0" for t in times]
    half = len(rows) // 2
    os.makedirs(out, exist_ok=True)
    name = os.path.splitext(os.path.basename(series))[0]
    with open(os.path.join(out, name + "_train.txt"), "w") as f:
        f.writelines(v + "\n" for v in values[:half])
    with open(os.path.join(out, name + "_test.txt"), "w") as f:
        f.writelines(v + "\n" for v in values[half:])
    with open(os.path.join(out, name + "_test_label.txt"), "w") as f:
        f.writelines(label + "\n" for label in labels[half:])


if __name__ == "__main__":
    if sys.argv[1] == "sines":
        sines(sys.argv[2])
    elif sys.argv[1] == "smd":
        smd(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: synthetic_samples.py sines OUT.npy | smd SERIES.csv WINDOWS.json OUT_DIR")
