#!/usr/bin/env python3
"""Float64 NumPy reference for HuggingFace's LlamaModel (and Qwen2Model, MistralModel), fed with inputs_embeds.

The framework's LLaMA graph is tested against the hidden states this script computes. It mirrors transformers'
modeling_llama / modeling_qwen2 in eval mode: rotary position embeddings on q and k (rope_theta, and the
rope_scaling types linear, dynamic and llama3 as modeling_rope_utils computes them), grouped-query attention
(num_key_value_heads, each key/value head shared by num_attention_heads / num_key_value_heads query heads),
causal softmax attention scaled by 1/sqrt(head_dim), SwiGLU MLP (down(silu(gate(x)) * up(x))), RMSNorm before
attention, before the MLP and after the last block used. Linear weights are nn.Linear's [out, in]; biases on
q/k/v/o when attention_bias is true, on q/k/v only for Qwen2. Only NumPy is needed; weights are read from
safetensors (BF16 and F16 included).

  # a tiny random checkpoint (LlamaForCausalLM names: model. prefix, lm_head), inputs and reference outputs
  python3 tools/llama_reference.py fixture --out DIR [--model-type llama|qwen2|mistral --hidden 64 --heads 4
      --kv-heads 2 --layers 3 --rope-scaling '{"rope_type": "llama3", ...}' --lora-rank 4 ...]

  # hidden states for an existing checkpoint and inputs
  python3 tools/llama_reference.py compute --model model.safetensors --config config.json \
      --inputs inputs.safetensors --layers K --out out.safetensors
"""
import argparse
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt2_reference import (  # noqa: E402
    add_compute_command, compute, read_safetensors, softmax, write_fixture, write_safetensors)

LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def inv_freq(config, head_dim, seq_len):
    """modeling_rope_utils: the rotary frequencies for a sequence of seq_len positions."""
    base = config.get("rope_theta", 10000.0)
    scaling = config.get("rope_scaling") or {}
    kind = scaling.get("rope_type", scaling.get("type", "default"))
    exponents = np.arange(0, head_dim, 2, dtype=np.float64) / head_dim
    if kind == "dynamic":
        max_positions = config["max_position_embeddings"]
        factor = scaling["factor"]
        length = max(seq_len, max_positions)
        base = base * ((factor * length / max_positions) - (factor - 1)) ** (head_dim / (head_dim - 2))
    freq = 1.0 / base ** exponents
    if kind == "linear":
        freq = freq / scaling["factor"]
    elif kind == "llama3":
        factor = scaling["factor"]
        low, high = scaling["low_freq_factor"], scaling["high_freq_factor"]
        old_context = scaling["original_max_position_embeddings"]
        low_wavelen, high_wavelen = old_context / low, old_context / high
        wavelen = 2 * math.pi / freq
        scaled = np.where(wavelen > low_wavelen, freq / factor, freq)
        smooth = (old_context / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < high_wavelen) & ~(wavelen > low_wavelen)
        freq = np.where(medium, smoothed, scaled)
    elif kind not in ("default", "dynamic"):
        raise ValueError("rope_scaling type " + kind + " is not in this reference")
    return freq


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def rms_norm(x, weight, eps):
    return x / np.sqrt((x ** 2).mean(axis=-1, keepdims=True) + eps) * weight


def silu(x):
    return x / (1.0 + np.exp(-x))


def config_head_dim(config):
    return config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]


def llama_hidden_states(weights, config, inputs_embeds, layers, lora_scaling=None):
    """last_hidden_state of LlamaModel(inputs_embeds=...) truncated to the first `layers` blocks."""
    w = {k[len("model."):] if k.startswith("model.") else k: v for k, v in weights.items()}

    def linear(x, name):
        y = x @ w[name + ".weight"].T
        if name + ".bias" in w:
            y = y + w[name + ".bias"]
        if name + ".lora_A.weight" in w:
            y = y + lora_scaling * (x @ w[name + ".lora_A.weight"].T @ w[name + ".lora_B.weight"].T)
        return y

    heads = config["num_attention_heads"]
    kv_heads = config.get("num_key_value_heads") or heads
    head_dim = config_head_dim(config)
    eps = config.get("rms_norm_eps", 1e-6)
    batch, t, _ = inputs_embeds.shape
    angles = np.outer(np.arange(t, dtype=np.float64), inv_freq(config, head_dim, t))
    angles = np.concatenate([angles, angles], axis=-1)
    cos, sin = np.cos(angles), np.sin(angles)
    causal = np.tril(np.ones((t, t), dtype=bool))
    h = inputs_embeds
    for i in range(layers):
        p = f"layers.{i}."
        a = rms_norm(h, w[p + "input_layernorm.weight"], eps)
        q = linear(a, p + "self_attn.q_proj").reshape(batch, t, heads, head_dim).transpose(0, 2, 1, 3)
        k = linear(a, p + "self_attn.k_proj").reshape(batch, t, kv_heads, head_dim).transpose(0, 2, 1, 3)
        v = linear(a, p + "self_attn.v_proj").reshape(batch, t, kv_heads, head_dim).transpose(0, 2, 1, 3)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        # repeat_kv: query head j reads key/value head j // (heads / kv_heads)
        k = np.repeat(k, heads // kv_heads, axis=1)
        v = np.repeat(v, heads // kv_heads, axis=1)
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head_dim)
        scores = np.where(causal, scores, np.finfo(np.float64).min)
        context = (softmax(scores) @ v).transpose(0, 2, 1, 3).reshape(batch, t, heads * head_dim)
        h = h + linear(context, p + "self_attn.o_proj")
        m = rms_norm(h, w[p + "post_attention_layernorm.weight"], eps)
        h = h + linear(silu(linear(m, p + "mlp.gate_proj")) * linear(m, p + "mlp.up_proj"), p + "mlp.down_proj")
    return rms_norm(h, w["norm.weight"], eps)


def random_checkpoint(rng, args):
    """LlamaForCausalLM weights as save_pretrained names them; every tensor random and non-trivial (norm gains
    too), so a test notices any weight that is misplaced or ignored."""
    d, heads, kv_heads = args.hidden, args.heads, args.kv_heads
    head_dim = args.head_dim or d // heads
    inner = args.intermediate
    q_bias = args.model_type == "qwen2" or args.attention_bias
    o_bias = args.attention_bias and args.model_type != "qwen2"
    shapes = {"model.embed_tokens.weight": (args.vocab, d), "model.norm.weight": (d,)}
    if not args.tie_word_embeddings:
        shapes["lm_head.weight"] = (args.vocab, d)
    for i in range(args.layers):
        p = f"model.layers.{i}."
        shapes.update({
            p + "input_layernorm.weight": (d,), p + "post_attention_layernorm.weight": (d,),
            p + "self_attn.q_proj.weight": (heads * head_dim, d),
            p + "self_attn.k_proj.weight": (kv_heads * head_dim, d),
            p + "self_attn.v_proj.weight": (kv_heads * head_dim, d),
            p + "self_attn.o_proj.weight": (d, heads * head_dim),
            p + "mlp.gate_proj.weight": (inner, d), p + "mlp.up_proj.weight": (inner, d),
            p + "mlp.down_proj.weight": (d, inner),
        })
        if q_bias:
            shapes.update({p + "self_attn.q_proj.bias": (heads * head_dim,),
                           p + "self_attn.k_proj.bias": (kv_heads * head_dim,),
                           p + "self_attn.v_proj.bias": (kv_heads * head_dim,)})
        if o_bias:
            shapes[p + "self_attn.o_proj.bias"] = (d,)
    weights = {}
    for name, shape in sorted(shapes.items()):
        if name.endswith("norm.weight"):
            values = 1.0 + 0.1 * rng.standard_normal(shape)
        elif name.endswith(".weight") and "embed_tokens" not in name and "lm_head" not in name:
            values = rng.standard_normal(shape) / math.sqrt(shape[1])
        else:
            values = 0.1 * rng.standard_normal(shape)
        weights[name] = values.astype(np.float32)
    config = {
        "model_type": args.model_type, "architectures": [{"llama": "LlamaForCausalLM", "qwen2": "Qwen2ForCausalLM",
                                                          "mistral": "MistralForCausalLM"}[args.model_type]],
        "hidden_size": d, "intermediate_size": inner, "num_hidden_layers": args.layers,
        "num_attention_heads": heads, "num_key_value_heads": kv_heads, "max_position_embeddings": args.max_positions,
        "rms_norm_eps": 1e-5, "rope_theta": args.rope_theta, "rope_scaling": json.loads(args.rope_scaling),
        "hidden_act": "silu", "vocab_size": args.vocab, "tie_word_embeddings": args.tie_word_embeddings,
        "torch_dtype": "float32",
    }
    if args.head_dim:
        config["head_dim"] = args.head_dim
    if args.model_type != "qwen2":
        config["attention_bias"] = args.attention_bias
    return weights, config


def add_lora(rng, weights, layers, rank, targets):
    """PEFT-named adapters; B is random too, so the delta is not zero and the test sees it."""
    for i in range(layers):
        for target in targets:
            module = "self_attn" if target in LORA_TARGETS[:4] else "mlp"
            name = f"model.layers.{i}.{module}.{target}"
            fan_out, fan_in = weights[name + ".weight"].shape
            weights[name + ".lora_A.weight"] = (rng.standard_normal((rank, fan_in)) / math.sqrt(fan_in)).astype(np.float32)
            weights[name + ".lora_B.weight"] = (0.5 * rng.standard_normal((fan_out, rank)) / math.sqrt(rank)).astype(np.float32)


def make_fixture(args):
    rng = np.random.default_rng(args.seed)
    weights, config = random_checkpoint(rng, args)
    write_fixture(args, rng, weights, config, args.layers, args.hidden, llama_hidden_states, add_lora, LORA_TARGETS)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    fixture = commands.add_parser("fixture", help="write a random tiny checkpoint, inputs and reference outputs")
    fixture.add_argument("--out", required=True)
    fixture.add_argument("--model-type", choices=["llama", "qwen2", "mistral"], default="llama")
    fixture.add_argument("--hidden", type=int, default=64)
    fixture.add_argument("--heads", type=int, default=4)
    fixture.add_argument("--kv-heads", type=int, default=2)
    fixture.add_argument("--head-dim", type=int, default=0, help="0: hidden / heads")
    fixture.add_argument("--intermediate", type=int, default=176)
    fixture.add_argument("--layers", type=int, default=3)
    fixture.add_argument("--vocab", type=int, default=96)
    fixture.add_argument("--max-positions", type=int, default=128)
    fixture.add_argument("--rope-theta", type=float, default=10000.0)
    fixture.add_argument("--rope-scaling", default="null", help="JSON, e.g. '{\"rope_type\": \"linear\", \"factor\": 2}'")
    fixture.add_argument("--attention-bias", action="store_true")
    fixture.add_argument("--tie-word-embeddings", action="store_true")
    fixture.add_argument("--tokens", type=int, default=40)
    fixture.add_argument("--batch", type=int, default=2)
    fixture.add_argument("--seed", type=int, default=0)
    fixture.add_argument("--lora-rank", type=int, default=0, help="add LoRA adapters of this rank (0: none)")
    fixture.add_argument("--lora-alpha", type=float, default=8.0)
    fixture.add_argument("--lora-targets", nargs="+", default=["all-linear"])
    add_compute_command(commands)
    args = parser.parse_args(argv)
    if args.command == "fixture":
        make_fixture(args)
    else:
        compute(args, llama_hidden_states, "num_hidden_layers")


if __name__ == "__main__":
    main(sys.argv[1:])
