#!/usr/bin/env python3
"""Float64 NumPy reference of PatchTST's encoder (PatchTST_supervised/layers/PatchTST_backbone.py: TSTiEncoder
after W_P, i.e. positions, dropout and TSTEncoder) for the patchtst backbone's parity test.

It computes, with dropout off, what PyTorch computes for:
  1. one forward pass in training mode: BatchNorm1d over d_model with the batch's statistics, and the running
     statistics it leaves (momentum 0.1, the variance unbiased);
  2. then a forward pass in evaluation mode with those running statistics.
Residual attention adds each layer's pre-softmax scores (themselves including the earlier layers') to the next.
Weights are stored [in, out] as the framework keeps them (PyTorch's Linear.weight transposed).

  python3 tools/patchtst_reference.py fixture --out plugins/backbones/src/test/resources/patchtst-reference
"""

import argparse
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt2_reference import read_safetensors, softmax, write_safetensors  # noqa: E402

EPS = 1e-5
MOMENTUM = 0.1


def gelu(x):
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def linear(w, name, x):
    return x @ w[name + ".weight"] + w[name + ".bias"]


class Norms:
    """BatchNorm1d (or LayerNorm) by name, holding the running statistics between passes."""

    def __init__(self, config, weights):
        self.config = config
        self.weights = weights
        self.running = {}

    def __call__(self, name, x, training):
        d = self.config["d_model"]
        if self.config["norm"] == "layer":
            mean = x.mean(axis=-1, keepdims=True)
            var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
            return (x - mean) / np.sqrt(var + EPS) * self.weights[name + ".weight"] + self.weights[name + ".bias"]
        mean_run, var_run = self.running.get(name, (np.zeros(d), np.ones(d)))
        if training:
            mean = x.mean(axis=(0, 1))
            var = ((x - mean) ** 2).mean(axis=(0, 1))
            n = x.shape[0] * x.shape[1]
            self.running[name] = ((1 - MOMENTUM) * mean_run + MOMENTUM * mean,
                                  (1 - MOMENTUM) * var_run + MOMENTUM * var * n / (n - 1))
        else:
            mean, var = mean_run, var_run
        gamma = self.weights.get(name + ".weight", np.ones(d))
        beta = self.weights.get(name + ".bias", np.zeros(d))
        return (x - mean) / np.sqrt(var + EPS) * gamma + beta


def encoder(config, w, norms, tokens, training):
    d, heads = config["d_model"], config["n_heads"]
    head_dim = d // heads
    s, n, _ = tokens.shape
    x = tokens + w["W_pos"]
    prev = None
    for layer in range(config["e_layers"]):
        p = f"layers.{layer}."
        src = x
        if config["pre_norm"]:
            src = norms(p + "norm_attn", src, training)

        def split(t):
            return t.reshape(s, n, heads, head_dim).transpose(0, 2, 1, 3)

        q = split(linear(w, p + "self_attn.W_Q", src))
        k = split(linear(w, p + "self_attn.W_K", src))
        v = split(linear(w, p + "self_attn.W_V", src))
        scores = q @ k.transpose(0, 1, 3, 2) * head_dim ** -0.5
        if prev is not None:
            scores = scores + prev
        out = (softmax(scores) @ v).transpose(0, 2, 1, 3).reshape(s, n, d)
        src = src + linear(w, p + "self_attn.to_out.0", out)
        if not config["pre_norm"]:
            src = norms(p + "norm_attn", src, training)
        if config["pre_norm"]:
            src = norms(p + "norm_ffn", src, training)
        hidden = linear(w, p + "ff.0", src)
        hidden = gelu(hidden) if config["activation"] == "gelu" else np.maximum(hidden, 0)
        src = src + linear(w, p + "ff.3", hidden)
        if not config["pre_norm"]:
            src = norms(p + "norm_ffn", src, training)
        x = src
        prev = scores if config["residual_attention"] else None
    return x


def random_weights(rng, config, count):
    d, ff = config["d_model"], config["d_ff"]
    w = {"W_pos": rng.uniform(-0.02, 0.02, (count, d))}

    def lin(name, i, o):
        bound = 1 / math.sqrt(i)
        w[name + ".weight"] = rng.uniform(-bound, bound, (i, o))
        w[name + ".bias"] = rng.uniform(-bound, bound, (o,))

    for layer in range(config["e_layers"]):
        p = f"layers.{layer}."
        for proj in ("W_Q", "W_K", "W_V", "to_out.0"):
            lin(p + "self_attn." + proj, d, d)
        lin(p + "ff.0", d, ff)
        lin(p + "ff.3", ff, d)
        for norm in ("norm_attn", "norm_ffn"):
            # Not PyTorch's ones and zeros, so that a graph ignoring them misses the reference.
            w[p + norm + ".weight"] = rng.uniform(0.5, 1.5, (d,))
            w[p + norm + ".bias"] = rng.uniform(-0.5, 0.5, (d,))
    return {k: v.astype(np.float32) for k, v in w.items()}


def make_fixture(args):
    rng = np.random.default_rng(args.seed)
    config = {"d_model": 16, "n_heads": 4, "e_layers": 3, "d_ff": 32, "norm": args.norm, "pre_norm": False,
              "residual_attention": True, "activation": "gelu"}
    sequences, count = 10, 6
    weights = random_weights(rng, config, count)
    tokens = (rng.standard_normal((sequences, count, config["d_model"])) * 2 + 0.5).astype(np.float32)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    write_safetensors(os.path.join(args.out, "model.safetensors"), weights, "F32")
    write_safetensors(os.path.join(args.out, "inputs.safetensors"), {"tokens": tokens}, "F32")
    compute_fixture(args.out)


def compute_fixture(folder):
    with open(os.path.join(folder, "config.json")) as f:
        config = json.load(f)
    weights = read_safetensors(os.path.join(folder, "model.safetensors"))
    tokens = read_safetensors(os.path.join(folder, "inputs.safetensors"))["tokens"]
    norms = Norms(config, weights)
    reference = {"training": encoder(config, weights, norms, tokens, True)}
    for name, (mean, var) in norms.running.items():
        reference[name + ".running_mean"] = mean
        reference[name + ".running_var"] = var
    reference["evaluation"] = encoder(config, weights, norms, tokens, False)
    write_safetensors(os.path.join(folder, "reference.safetensors"), reference, "F64")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    fixture = commands.add_parser("fixture", help="random weights and inputs, and their reference outputs")
    fixture.add_argument("--out", required=True)
    fixture.add_argument("--seed", type=int, default=42)
    fixture.add_argument("--norm", choices=["batch", "layer"], default="batch")
    compute = commands.add_parser("compute", help="recompute reference.safetensors of a fixture folder")
    compute.add_argument("folder")
    args = parser.parse_args(argv)
    if args.command == "fixture":
        make_fixture(args)
    else:
        compute_fixture(args.folder)


if __name__ == "__main__":
    main(sys.argv[1:])
