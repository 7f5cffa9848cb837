#!/usr/bin/env python3
"""Writes scipy.signal.resample_poly's output for a few rate pairs, for ResampledStreamTest.

    /usr/bin/python3 tools/resample_fixtures.py --out framework/core/src/test/resources/resample

Needs Debian's python3-scipy (1.10.1 wrote the committed files). The input is float32-representable (the framework
streams float32 samples); resample_poly runs in float64 with its defaults (window ('kaiser', 5.0), half length
10 x max(up, down), zero padding at both ends).
"""
import argparse
import json
import math
import os

import numpy as np
from scipy.signal import resample_poly


def signal(rate, samples, rng):
    """Tones below and above the lower Nyquist frequency, a step, and noise: every part of the filter shows."""
    t = np.arange(samples) / rate
    x = (np.sin(2 * np.pi * 3.0 * t) + 0.5 * np.sin(2 * np.pi * 0.45 * rate * t)
         + (t > t[samples // 2]).astype(float) + 0.2 * rng.standard_normal(samples))
    return x.astype(np.float32).astype(np.float64)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(7)
    for source, target, samples in [(150, 100, 1500), (100, 40, 1000), (40, 100, 400), (200, 50, 1600)]:
        x = signal(source, samples, rng)
        g = math.gcd(source, target)
        y = resample_poly(x, target // g, source // g)
        with open(os.path.join(args.out, "%d-to-%d.json" % (source, target)), "w") as f:
            json.dump({"input_rate": source, "output_rate": target, "input": x.tolist(), "output": y.tolist()}, f)


if __name__ == "__main__":
    main()
