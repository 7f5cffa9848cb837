#!/usr/bin/env python3
"""Writes small checkpoints with a real torch.save, for the converters' PyTorch reader tests.

    /usr/bin/python3 tools/torch_fixtures.py --out converters/src/test/resources/torch

Needs Debian's python3-torch (1.13). Each file's expected tensors are written beside it as JSON
(name -> {"shape": [...], "dtype": ..., "values": [...] for floats}) from what torch holds, so the Java test compares the reader's values
with torch's own, not with a second writer.
"""
import argparse
import collections
import json
import os

import torch


def expected(state):
    """What torch holds, as the Java test reads it: floats as values; other dtypes by dtype and shape only."""
    out = {}
    for name, t in state.items():
        entry = {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")}
        if t.is_floating_point():
            entry["values"] = t.reshape(-1).double().tolist()
        out[name] = entry
    return out


def save(state, out, name):
    path = os.path.join(out, name)
    torch.save(state, path)
    with open(path + ".json", "w") as f:
        json.dump(expected(state), f, indent=1)


GPT2_CONFIG = {"model_type": "gpt2", "n_embd": 8, "n_layer": 2, "n_head": 2, "n_positions": 6, "vocab_size": 11,
               "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new"}


def gpt2_state():
    """A GPT2LMHeadModel-shaped state dict, as transformers 4.x saves it: the transformer.* prefix, the causal
    mask buffer attn.bias (bool here, uint8 or float in older files), attn.masked_bias, and lm_head.weight tied to
    wte.weight (one storage pickled once, referenced twice)."""
    c = GPT2_CONFIG
    d, positions, vocab = c["n_embd"], c["n_positions"], c["vocab_size"]
    state = collections.OrderedDict()
    wte = torch.randn(vocab, d) * 0.02
    state["transformer.wte.weight"] = wte
    state["transformer.wpe.weight"] = torch.randn(positions, d) * 0.01
    for i in range(c["n_layer"]):
        p = "transformer.h.%d." % i
        state[p + "ln_1.weight"] = 1 + 0.1 * torch.randn(d)
        state[p + "ln_1.bias"] = 0.1 * torch.randn(d)
        state[p + "attn.bias"] = torch.tril(torch.ones(positions, positions, dtype=torch.bool)).view(
            1, 1, positions, positions)
        state[p + "attn.masked_bias"] = torch.tensor(-1e4)
        state[p + "attn.c_attn.weight"] = torch.randn(d, 3 * d) * 0.02
        state[p + "attn.c_attn.bias"] = 0.01 * torch.randn(3 * d)
        state[p + "attn.c_proj.weight"] = torch.randn(d, d) * 0.02
        state[p + "attn.c_proj.bias"] = 0.01 * torch.randn(d)
        state[p + "ln_2.weight"] = 1 + 0.1 * torch.randn(d)
        state[p + "ln_2.bias"] = 0.1 * torch.randn(d)
        state[p + "mlp.c_fc.weight"] = torch.randn(d, 4 * d) * 0.02
        state[p + "mlp.c_fc.bias"] = 0.01 * torch.randn(4 * d)
        state[p + "mlp.c_proj.weight"] = torch.randn(4 * d, d) * 0.02
        state[p + "mlp.c_proj.bias"] = 0.01 * torch.randn(d)
    state["transformer.ln_f.weight"] = 1 + 0.1 * torch.randn(d)
    state["transformer.ln_f.bias"] = 0.1 * torch.randn(d)
    state["lm_head.weight"] = wte
    return state


def gpt2_folder(out):
    """A HuggingFace GPT-2 folder with one pytorch_model.bin."""
    folder = os.path.join(out, "gpt2-bin")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(GPT2_CONFIG, f, indent=1)
    save(gpt2_state(), folder, "pytorch_model.bin")


def gpt2_sharded_folder(out):
    """The same model sharded as save_pretrained(max_shard_size=...) does it: pytorch_model-0000k-of-00003.bin and
    pytorch_model.bin.index.json, whose weight_map names each tensor's shard. The tied lm_head.weight is left out,
    as save_pretrained does."""
    folder = os.path.join(out, "gpt2-sharded")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(GPT2_CONFIG, f, indent=1)
    state = gpt2_state()
    del state["lm_head.weight"]
    names = list(state)
    shards = [names[:10], names[10:24], names[24:]]
    weight_map, total, everything = {}, 0, collections.OrderedDict()
    for k, shard in enumerate(shards):
        file = "pytorch_model-%05d-of-%05d.bin" % (k + 1, len(shards))
        part = collections.OrderedDict((n, state[n].clone()) for n in shard)
        torch.save(part, os.path.join(folder, file))
        for n, t in part.items():
            weight_map[n] = file
            total += t.numel() * t.element_size()
            everything[n] = t
    with open(os.path.join(folder, "pytorch_model.bin.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=1)
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected(everything), f, indent=1)


def other_dtypes_and_views(out):
    """Buffers of every integer and bool storage beside float tensors, and float tensors that are views: a
    transpose (strides not row-major) and a slice (an offset into a larger storage)."""
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 4
    state = collections.OrderedDict()
    state["position_ids"] = torch.arange(6, dtype=torch.int64).view(1, 6)
    state["weight"] = torch.randn(3, 5)
    state["mask"] = torch.tensor([True, False, True])
    state["counts.int32"] = torch.tensor([1, -2, 3], dtype=torch.int32)
    state["counts.int16"] = torch.tensor([4, 5], dtype=torch.int16)
    state["counts.int8"] = torch.tensor([-6], dtype=torch.int8)
    state["bytes"] = torch.tensor([7, 250], dtype=torch.uint8)
    state["transposed"] = base.t()
    state["sliced"] = base[1:3, 2:5]
    state["double"] = torch.randn(2, 2, dtype=torch.float64)
    state["half"] = torch.randn(3).half()
    state["bfloat16"] = torch.randn(3).bfloat16()
    save(state, out, "other-dtypes.bin")


def float_metadata(out):
    """A state dict whose _metadata holds a float before other keys: pickle's BINFLOAT, then more strings."""
    state = collections.OrderedDict()
    state["wte.weight"] = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8
    state["ln_f.bias"] = torch.tensor([0.5, -1.25], dtype=torch.float32)
    state._metadata = collections.OrderedDict(
        [("", {"scale": 0.125, "version": 1, "note": "a float comes first"}), ("ln_f", {"version": 2})])
    save(state, out, "float-metadata.bin")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)
    float_metadata(args.out)
    gpt2_folder(args.out)
    gpt2_sharded_folder(args.out)
    other_dtypes_and_views(args.out)


if __name__ == "__main__":
    main()
