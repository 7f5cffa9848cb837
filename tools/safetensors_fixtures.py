#!/usr/bin/env python3
"""Writes small safetensors files with the safetensors library itself, for the converters' reader tests.

    python3 -m venv --system-site-packages /tmp/stvenv
    /tmp/stvenv/bin/pip install --no-index safetensors-0.8.0-*.whl    # or from PyPI
    /tmp/stvenv/bin/python tools/safetensors_fixtures.py --out converters/src/test/resources/safetensors

Needs NumPy and safetensors (0.8.0 wrote the committed files). Each file's expected tensors are written beside it as
JSON (name -> {"shape": [...], "dtype": ..., "values": [...] for floats}), from what NumPy held.
"""
import argparse
import json
import os

import numpy as np
from safetensors.numpy import save_file

DTYPES = {np.float64: "F64", np.float32: "F32", np.float16: "F16", np.int64: "I64", np.int32: "I32",
          np.int16: "I16", np.int8: "I8", np.uint8: "U8", np.uint16: "U16", np.uint32: "U32", np.uint64: "U64",
          np.bool_: "BOOL"}


def expected(tensors):
    out = {}
    for name in sorted(tensors):
        t = tensors[name]
        entry = {"shape": list(t.shape), "dtype": DTYPES[t.dtype.type]}
        if np.issubdtype(t.dtype, np.floating):
            entry["values"] = t.astype(np.float64).reshape(-1).tolist()
        out[name] = entry
    return out


def save(tensors, folder, name, metadata=None):
    os.makedirs(folder, exist_ok=True)
    save_file(tensors, os.path.join(folder, name), metadata=metadata)
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump(expected(tensors), f, indent=1)


def every_dtype(out, rng):
    """One tensor of each dtype NumPy and safetensors share: floats beside integer ids, unsigned counters and a
    bool mask."""
    tensors = {
        "weight.f32": rng.standard_normal((3, 4)).astype(np.float32),
        "weight.f64": rng.standard_normal((2, 2)),
        "weight.f16": rng.standard_normal(5).astype(np.float16),
        "position_ids": np.arange(6, dtype=np.int64).reshape(1, 6),
        "ids.i32": np.array([1, -2, 3], dtype=np.int32),
        "ids.i16": np.array([-4, 5], dtype=np.int16),
        "ids.i8": np.array([-6], dtype=np.int8),
        "bytes.u8": np.array([7, 250], dtype=np.uint8),
        "counts.u16": np.array([65535], dtype=np.uint16),
        "counts.u32": np.array([1, 2], dtype=np.uint32),
        "counts.u64": np.array([3], dtype=np.uint64),
        "mask": np.array([[True, False, True]]),
    }
    save(tensors, out, "every-dtype.safetensors", metadata={"format": "np"})


def gpt2_with_buffers(out, rng):
    """A GPT2Model-shaped model.safetensors as older transformers saved it, with the causal-mask buffers attn.bias
    (bool) and attn.masked_bias beside the weights."""
    config = {"model_type": "gpt2", "n_embd": 8, "n_layer": 1, "n_head": 2, "n_positions": 6, "vocab_size": 11,
              "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new"}
    d, positions = config["n_embd"], config["n_positions"]
    shapes = {"wte.weight": (config["vocab_size"], d), "wpe.weight": (positions, d),
              "h.0.ln_1.weight": (d,), "h.0.ln_1.bias": (d,), "h.0.attn.c_attn.weight": (d, 3 * d),
              "h.0.attn.c_attn.bias": (3 * d,), "h.0.attn.c_proj.weight": (d, d), "h.0.attn.c_proj.bias": (d,),
              "h.0.ln_2.weight": (d,), "h.0.ln_2.bias": (d,), "h.0.mlp.c_fc.weight": (d, 4 * d),
              "h.0.mlp.c_fc.bias": (4 * d,), "h.0.mlp.c_proj.weight": (4 * d, d), "h.0.mlp.c_proj.bias": (d,),
              "ln_f.weight": (d,), "ln_f.bias": (d,)}
    tensors = {name: (0.02 * rng.standard_normal(shape)).astype(np.float32) for name, shape in shapes.items()}
    tensors["h.0.attn.bias"] = np.tril(np.ones((positions, positions), dtype=np.bool_)).reshape(
        1, 1, positions, positions)
    tensors["h.0.attn.masked_bias"] = np.array(-1e4, dtype=np.float32)
    folder = os.path.join(out, "gpt2-buffers")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    save(tensors, folder, "model.safetensors", metadata={"format": "pt"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    every_dtype(args.out, rng)
    gpt2_with_buffers(args.out, rng)


if __name__ == "__main__":
    main()
