package io.tsllm.backbones.gpt2;

import io.tsllm.spi.ParameterRole;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a config uses for the backbone's trainable groups, and the presets of the papers: GPT4TS trains layer
 * norms and position embeddings of a frozen GPT-2; SeisMoLLM adds LoRA adapters on every linear projection.
 */
final class TrainableGroups {

  static final Map<String, Set<ParameterRole>> GROUPS = Map.of(
      "all", EnumSet.of(ParameterRole.BACKBONE, ParameterRole.LAYER_NORM, ParameterRole.POSITION_EMBEDDING,
          ParameterRole.ADAPTER),
      "none", EnumSet.noneOf(ParameterRole.class),
      "lora", EnumSet.of(ParameterRole.ADAPTER),
      "layernorm", EnumSet.of(ParameterRole.LAYER_NORM),
      "wpe", EnumSet.of(ParameterRole.POSITION_EMBEDDING));

  static final Map<String, List<String>> PRESETS = Map.of(
      "gpt4ts", List.of("layernorm", "wpe"),
      "seismollm", List.of("lora", "layernorm", "wpe"));

  static final List<String> NAMES = List.of("all", "none", "lora", "layernorm", "wpe", "gpt4ts", "seismollm");

  private TrainableGroups() {}

  /** Replaces presets by their groups, keeping order and dropping repeats; unknown names are kept for validation. */
  static List<String> expand(List<String> names) {
    Set<String> groups = new LinkedHashSet<>();
    for (String name : names) {
      groups.addAll(PRESETS.getOrDefault(name, List.of(name)));
    }
    return List.copyOf(groups);
  }

  static Set<ParameterRole> roles(List<String> groups) {
    Set<ParameterRole> roles = EnumSet.noneOf(ParameterRole.class);
    groups.forEach(g -> roles.addAll(GROUPS.getOrDefault(g, Set.of())));
    return roles;
  }
}
