#!/usr/bin/env python3
"""Writes small checkpoints with a real torch.save, for the converters' PyTorch reader tests.

    /usr/bin/python3 tools/torch_fixtures.py --out converters/src/test/resources/torch

Needs Debian's python3-torch (1.13). Each file's expected tensors are written beside it as JSON
(name -> {"shape": [...], "values": [...]}) from what torch holds, so the Java test compares the reader's values
with torch's own, not with a second writer.
"""
import argparse
import collections
import json
import os

import torch


def expected(state):
    return {name: {"shape": list(t.shape), "values": t.reshape(-1).tolist()} for name, t in state.items()}


def float_metadata(out):
    """A state dict whose _metadata holds a float before other keys: pickle's BINFLOAT, then more strings."""
    state = collections.OrderedDict()
    state["wte.weight"] = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8
    state["ln_f.bias"] = torch.tensor([0.5, -1.25], dtype=torch.float32)
    state._metadata = collections.OrderedDict(
        [("", {"scale": 0.125, "version": 1, "note": "a float comes first"}), ("ln_f", {"version": 2})])
    path = os.path.join(out, "float-metadata.bin")
    torch.save(state, path)
    with open(path + ".json", "w") as f:
        json.dump(expected(state), f, indent=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)
    float_metadata(args.out)


if __name__ == "__main__":
    main()
