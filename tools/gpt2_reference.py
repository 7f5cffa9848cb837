#!/usr/bin/env python3
"""Float64 NumPy reference for HuggingFace's GPT2Model, fed with inputs_embeds.

The framework's GPT-2 graph is tested against the hidden states this script computes. It mirrors
transformers' modeling_gpt2 (eval mode, so no dropout): position embeddings added to inputs_embeds,
pre-LN blocks with a fused c_attn Conv1D, causal self-attention scaled by 1/sqrt(head_dim), gelu_new
MLP, and ln_f after the last block used. Only NumPy is needed; weights are read from safetensors.

  # make a tiny random checkpoint, inputs, and the reference outputs (the test fixture)
  python3 tools/gpt2_reference.py fixture --out DIR [--n-embd 64 --n-head 4 --n-layer 3 ...]

  # the same with LoRA adapters (random A and non-zero B) on the given projections
  python3 tools/gpt2_reference.py fixture --out DIR --lora-rank 4 --lora-alpha 8 --lora-targets all-linear

  # hidden states for an existing checkpoint and inputs
  python3 tools/gpt2_reference.py compute --model model.safetensors --config config.json \
      --inputs inputs.safetensors --layers K --out out.safetensors
"""
import argparse
import json
import math
import os
import struct
import sys

import numpy as np

DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16}


def read_safetensors(path):
    """Returns {name: float64 array}. Handles F64, F32, F16 and BF16."""
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = data[base + begin:base + end]
        if info["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            array = bits.view(np.float32)
        else:
            array = np.frombuffer(raw, dtype=np.dtype(DTYPES[info["dtype"]]).newbyteorder("<"))
        tensors[name] = array.astype(np.float64).reshape(info["shape"])
    return tensors


def write_safetensors(path, tensors, dtype):
    """Writes {name: array} with every tensor stored as dtype ('F32' or 'F64')."""
    np_dtype = np.dtype(DTYPES[dtype]).newbyteorder("<")
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        raw = np.ascontiguousarray(tensors[name], dtype=np_dtype).tobytes()
        header[name] = {"dtype": dtype, "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for chunk in chunks:
            f.write(chunk)


def layer_norm(x, weight, bias, eps):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def softmax(x):
    shifted = x - x.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


LORA_TARGETS = ["attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"]


def gpt2_hidden_states(weights, config, inputs_embeds, layers, lora_scaling=None):
    """last_hidden_state of GPT2Model(inputs_embeds=...) truncated to the first `layers` blocks.

    Where the weights hold PEFT LoRA tensors `<proj>.lora_A.weight` [r, in] and `<proj>.lora_B.weight` [out, r],
    the projection adds lora_scaling * x A^T B^T, as PEFT's LoRA layer does in eval mode."""
    w = {k[len("transformer."):] if k.startswith("transformer.") else k: v for k, v in weights.items()}

    def proj(x, name):
        y = x @ w[name + ".weight"] + w[name + ".bias"]
        if name + ".lora_A.weight" in w:
            y = y + lora_scaling * (x @ w[name + ".lora_A.weight"].T @ w[name + ".lora_B.weight"].T)
        return y

    d = config["n_embd"]
    n_head = config["n_head"]
    head_dim = d // n_head
    eps = config.get("layer_norm_epsilon", 1e-5)
    batch, t, _ = inputs_embeds.shape
    h = inputs_embeds + w["wpe.weight"][:t]
    causal = np.tril(np.ones((t, t), dtype=bool))
    for i in range(layers):
        p = f"h.{i}."
        a = layer_norm(h, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        qkv = proj(a, p + "attn.c_attn")
        q, k, v = np.split(qkv, 3, axis=-1)
        split = lambda x: x.reshape(batch, t, n_head, head_dim).transpose(0, 2, 1, 3)
        q, k, v = split(q), split(k), split(v)
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head_dim)
        scores = np.where(causal, scores, np.finfo(np.float64).min)
        context = softmax(scores) @ v
        merged = context.transpose(0, 2, 1, 3).reshape(batch, t, d)
        h = h + proj(merged, p + "attn.c_proj")
        m = layer_norm(h, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        inner = gelu_new(proj(m, p + "mlp.c_fc"))
        h = h + proj(inner, p + "mlp.c_proj")
    return layer_norm(h, w["ln_f.weight"], w["ln_f.bias"], eps)


def random_checkpoint(rng, n_embd, n_head, n_layer, n_positions):
    """GPT-2 weights in HuggingFace's layout. Every tensor, biases and layer norms included, is random and
    non-trivial, so a test against them notices any weight that is misplaced or ignored."""
    d = n_embd
    shapes = {"wpe.weight": (n_positions, d), "ln_f.weight": (d,), "ln_f.bias": (d,)}
    for i in range(n_layer):
        p = f"h.{i}."
        shapes.update({
            p + "ln_1.weight": (d,), p + "ln_1.bias": (d,),
            p + "attn.c_attn.weight": (d, 3 * d), p + "attn.c_attn.bias": (3 * d,),
            p + "attn.c_proj.weight": (d, d), p + "attn.c_proj.bias": (d,),
            p + "ln_2.weight": (d,), p + "ln_2.bias": (d,),
            p + "mlp.c_fc.weight": (d, 4 * d), p + "mlp.c_fc.bias": (4 * d,),
            p + "mlp.c_proj.weight": (4 * d, d), p + "mlp.c_proj.bias": (d,),
        })
    weights = {}
    for name, shape in sorted(shapes.items()):
        if "ln_" in name and name.endswith(".weight"):
            values = 1.0 + 0.1 * rng.standard_normal(shape)
        elif name.endswith(".weight") and len(shape) == 2 and name != "wpe.weight":
            values = rng.standard_normal(shape) / math.sqrt(shape[0])
        else:
            values = 0.1 * rng.standard_normal(shape)
        weights[name] = values.astype(np.float32)
    config = {
        "model_type": "gpt2", "n_embd": n_embd, "n_head": n_head, "n_layer": n_layer,
        "n_positions": n_positions, "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new",
    }
    return weights, config


def add_lora(rng, weights, n_layer, rank, targets):
    """PEFT-named adapters; B is random too, so the delta is not zero and the test sees it."""
    for i in range(n_layer):
        for target in targets:
            name = f"h.{i}.{target}"
            fan_in, fan_out = weights[name + ".weight"].shape
            weights[name + ".lora_A.weight"] = (rng.standard_normal((rank, fan_in)) / math.sqrt(fan_in)).astype(np.float32)
            weights[name + ".lora_B.weight"] = (0.5 * rng.standard_normal((fan_out, rank)) / math.sqrt(rank)).astype(np.float32)


def write_fixture(args, rng, weights, config, layers, width, hidden_states, add_adapters, all_targets):
    """Writes a fixture folder for a model family: the checkpoint (with PEFT adapters when args.lora_rank), its
    config.json, random inputs_embeds [args.batch, args.tokens, width] and the reference after 1..layers blocks."""
    scaling = None
    os.makedirs(args.out, exist_ok=True)
    if args.lora_rank:
        targets = all_targets if args.lora_targets == ["all-linear"] else args.lora_targets
        add_adapters(rng, weights, layers, args.lora_rank, targets)
        scaling = args.lora_alpha / args.lora_rank
        with open(os.path.join(args.out, "adapter_config.json"), "w") as f:
            json.dump({"peft_type": "LORA", "r": args.lora_rank, "lora_alpha": args.lora_alpha,
                       "target_modules": targets}, f, indent=2)
            f.write("\n")
    write_safetensors(os.path.join(args.out, "model.safetensors"), weights, "F32")
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    inputs = rng.standard_normal((args.batch, args.tokens, width)).astype(np.float32)
    write_safetensors(os.path.join(args.out, "inputs.safetensors"), {"inputs_embeds": inputs}, "F32")
    # The reference is computed from the float32 values as stored, promoted to float64.
    stored = read_safetensors(os.path.join(args.out, "model.safetensors"))
    reference = {
        f"last_hidden_state.layers{k}": hidden_states(stored, config, inputs.astype(np.float64), k, scaling)
        for k in range(1, layers + 1)
    }
    write_safetensors(os.path.join(args.out, "reference.safetensors"), reference, "F64")


def make_fixture(args):
    rng = np.random.default_rng(args.seed)
    weights, config = random_checkpoint(rng, args.n_embd, args.n_head, args.n_layer, args.n_positions)
    write_fixture(args, rng, weights, config, args.n_layer, args.n_embd, gpt2_hidden_states, add_lora, LORA_TARGETS)


def compute(args, hidden_states=None, layers_field="n_layer"):
    """The `compute` command for a model family: its hidden-state function and its config's layer-count field."""
    hidden_states = hidden_states or gpt2_hidden_states
    with open(args.config) as f:
        config = json.load(f)
    weights = read_safetensors(args.model)
    inputs = read_safetensors(args.inputs)["inputs_embeds"]
    layers = args.layers or config[layers_field]
    scaling = None
    if args.adapter_config:
        with open(args.adapter_config) as f:
            adapter = json.load(f)
        scaling = adapter["lora_alpha"] / adapter["r"]
    hidden = hidden_states(weights, config, inputs, layers, scaling)
    write_safetensors(args.out, {f"last_hidden_state.layers{layers}": hidden}, "F64")


def add_compute_command(commands):
    run = commands.add_parser("compute", help="hidden states for a checkpoint and inputs")
    run.add_argument("--model", required=True)
    run.add_argument("--config", required=True)
    run.add_argument("--inputs", required=True)
    run.add_argument("--layers", type=int)
    run.add_argument("--adapter-config", help="PEFT adapter_config.json, when the weights hold LoRA tensors")
    run.add_argument("--out", required=True)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    fixture = commands.add_parser("fixture", help="write a random tiny checkpoint, inputs and reference outputs")
    fixture.add_argument("--out", required=True)
    fixture.add_argument("--n-embd", type=int, default=64)
    fixture.add_argument("--n-head", type=int, default=4)
    fixture.add_argument("--n-layer", type=int, default=3)
    fixture.add_argument("--n-positions", type=int, default=64)
    fixture.add_argument("--tokens", type=int, default=32)
    fixture.add_argument("--batch", type=int, default=2)
    fixture.add_argument("--seed", type=int, default=0)
    fixture.add_argument("--lora-rank", type=int, default=0, help="add LoRA adapters of this rank (0: none)")
    fixture.add_argument("--lora-alpha", type=float, default=8.0)
    fixture.add_argument("--lora-targets", nargs="+", default=["all-linear"])
    add_compute_command(commands)
    args = parser.parse_args(argv)
    make_fixture(args) if args.command == "fixture" else compute(args)


if __name__ == "__main__":
    main(sys.argv[1:])
