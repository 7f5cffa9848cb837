#!/usr/bin/env python3
"""A tiny LLaMA checkpoint with its own tokenizer, generated, for CPU-size examples and tests of the llama backbone
and Time-LLM's reprogramming embedder (nothing can be downloaded here, so the project makes its own).

Writes, into --out, what HuggingFace's save_pretrained writes for a LlamaForCausalLM and its fast tokenizer:
  config.json, model.safetensors    random weights (every tensor non-trivial), LlamaForCausalLM names
  tokenizer.json                    a LLaMA-style tokenizer: "▁" for spaces (Prepend + Replace normalizers), BPE with
                                    byte fallback (<0x00>..<0xFF>), <unk> <s> </s>, BOS added by a template; its merges
                                    are learned here by plain BPE on Time-LLM-style prompts
  tokenizer_config.json             bos/eos/unk tokens, as transformers reads them

  python3 tools/tiny_llama.py --out DIR [--hidden 64 --layers 2 --heads 4 --kv-heads 2 --merges 400 --seed 0]

Only NumPy is needed.
"""
import argparse
import collections
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt2_reference import write_safetensors  # noqa: E402
from llama_reference import random_checkpoint  # noqa: E402

SPECIAL = ["<unk>", "<s>", "</s>"]
SPACE = "\u2581"


def corpus(rng, count):
    """Prompts as Time-LLM writes them, with random statistics, plus plain words, to learn merges from."""
    texts = []
    for _ in range(count):
        numbers = [repr(float(np.float32(v))) for v in rng.standard_normal(3) * rng.choice([0.5, 1, 3])]
        lags = str(sorted(rng.choice(96, 5, replace=False).tolist()))
        texts.append(
            "<|start_prompt|>Dataset description: The Electricity Transformer Temperature (ETT) is a crucial indicator"
            " in the electric power long-term deployment.Task description: forecast the next 96 steps given the"
            " previous 512 steps information; Input statistics: "
            f"min value {numbers[0]}, max value {numbers[1]}, median value {numbers[2]}, the trend of input is "
            f"{rng.choice(['upward', 'downward'])}, top 5 lags are : {lags}<|<end_prompt>|>")
    return texts


def learn_merges(texts, merges):
    """Plain BPE over the normalized texts (one word each, as LLaMA's tokenizer has no pre-tokenizer)."""
    words = collections.Counter(SPACE + t.replace(" ", SPACE) for t in texts)
    sequences = {w: list(w) for w in words}
    learned = []
    for _ in range(merges):
        pairs = collections.Counter()
        for word, count in words.items():
            seq = sequences[word]
            for a, b in zip(seq, seq[1:]):
                pairs[(a, b)] += count
        if not pairs:
            break
        (a, b), _ = max(pairs.items(), key=lambda item: (item[1], item[0]))
        learned.append((a, b))
        for word in words:
            seq, out, i = sequences[word], [], 0
            while i < len(seq):
                if i + 1 < len(seq) and seq[i] == a and seq[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(seq[i])
                    i += 1
            sequences[word] = out
    return learned


def tokenizer_json(texts, merges):
    vocab = {token: i for i, token in enumerate(SPECIAL)}
    for byte in range(256):
        vocab[f"<0x{byte:02X}>"] = len(vocab)
    for char in sorted(set("".join(SPACE + t.replace(" ", SPACE) for t in texts))):
        vocab.setdefault(char, len(vocab))
    learned = learn_merges(texts, merges)
    for a, b in learned:
        vocab.setdefault(a + b, len(vocab))
    added = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
              "special": True} for i, t in enumerate(SPECIAL)]
    bos = {"SpecialToken": {"id": "<s>", "type_id": 0}}
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": SPACE}, {"type": "Replace", "pattern": {"String": " "}, "content": SPACE}]},
        "pre_tokenizer": None,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [bos, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [bos, {"Sequence": {"id": "A", "type_id": 0}}, bos, {"Sequence": {"id": "B", "type_id": 1}}],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": SPACE}, "content": " "}, {"type": "ByteFallback"},
            {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True, "ignore_merges": False,
                  "vocab": vocab, "merges": [f"{a} {b}" for a, b in learned]},
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--intermediate", type=int, default=172)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--kv-heads", type=int, default=2)
    parser.add_argument("--merges", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)
    tokenizer = tokenizer_json(corpus(rng, 200), args.merges)
    shape = argparse.Namespace(
        model_type="llama", hidden=args.hidden, heads=args.heads, kv_heads=args.kv_heads, head_dim=0,
        intermediate=args.intermediate, layers=args.layers, vocab=len(tokenizer["model"]["vocab"]),
        max_positions=2048, rope_theta=10000.0, rope_scaling="null", attention_bias=False,
        tie_word_embeddings=True)
    weights, config = random_checkpoint(rng, shape)
    config["bos_token_id"], config["eos_token_id"] = 1, 2
    write_safetensors(os.path.join(args.out, "model.safetensors"), weights, "F32")
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)
    with open(os.path.join(args.out, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "LlamaTokenizerFast", "bos_token": "<s>", "eos_token": "</s>",
                   "unk_token": "<unk>", "add_bos_token": True, "add_eos_token": False}, f, indent=2)
        f.write("\n")
    print(f"wrote {args.out}: vocabulary {len(tokenizer['model']['vocab'])}, {len(tokenizer['model']['merges'])} merges,"
          f" hidden {args.hidden}, {args.layers} layers")


if __name__ == "__main__":
    main(sys.argv[1:])
