package io.tsllm.backbones.common;

import java.util.List;

/**
 * A backbone's adaptable projections by PEFT's module names, and the ones PEFT adapts when a config names none.
 */
public record LoraTargets(List<String> all, List<String> defaults) {

  public static final LoraTargets GPT2 =
      new LoraTargets(List.of("attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"), List.of("attn.c_attn"));

  public static final LoraTargets LLAMA = new LoraTargets(
      List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"),
      List.of("q_proj", "v_proj"));
}
