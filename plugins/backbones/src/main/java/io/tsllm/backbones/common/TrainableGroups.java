package io.tsllm.backbones.common;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.ParameterRole;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a config uses for a backbone's trainable groups, and the presets of the papers: GPT4TS trains layer
 * norms and position embeddings of a frozen GPT-2; SeisMoLLM adds LoRA adapters on every linear projection;
 * Time-LLM freezes the language model whole.
 */
public final class TrainableGroups {

  private static final Map<String, Set<ParameterRole>> COMMON = Map.of(
      "all", EnumSet.of(ParameterRole.BACKBONE, ParameterRole.LAYER_NORM, ParameterRole.POSITION_EMBEDDING,
          ParameterRole.ADAPTER),
      "none", EnumSet.noneOf(ParameterRole.class),
      "lora", EnumSet.of(ParameterRole.ADAPTER),
      "layernorm", EnumSet.of(ParameterRole.LAYER_NORM));

  /** GPT-2: learned positions ({@code wpe}) are a group of their own. */
  public static final TrainableGroups GPT2 = new TrainableGroups(
      Map.of("wpe", EnumSet.of(ParameterRole.POSITION_EMBEDDING)),
      Map.of("gpt4ts", List.of("layernorm", "wpe"), "seismollm", List.of("lora", "layernorm", "wpe"),
          "time-llm", List.of("none")));

  /** LLaMA: rotary positions have no weights; its RMSNorm gains are the {@code layernorm} group. */
  public static final TrainableGroups LLAMA = new TrainableGroups(
      Map.of(),
      Map.of("gpt4ts", List.of("layernorm"), "seismollm", List.of("lora", "layernorm"),
          "time-llm", List.of("none")));

  private final Map<String, Set<ParameterRole>> groups;
  private final Map<String, List<String>> presets;

  private TrainableGroups(Map<String, Set<ParameterRole>> extra, Map<String, List<String>> presets) {
    Map<String, Set<ParameterRole>> all = new LinkedHashMap<>(COMMON);
    all.putAll(extra);
    this.groups = Map.copyOf(all);
    this.presets = Map.copyOf(presets);
  }

  /** Every name a config may use: groups, then presets. */
  public List<String> names() {
    List<String> names = new ArrayList<>(List.of("all", "none", "lora", "layernorm"));
    groups.keySet().stream().filter(g -> !names.contains(g)).sorted().forEach(names::add);
    presets.keySet().stream().sorted().forEach(names::add);
    return names;
  }

  public boolean isGroup(String name) {
    return groups.containsKey(name);
  }

  /** Replaces presets by their groups, keeping order and dropping repeats; unknown names are kept for validation. */
  public List<String> expand(List<String> names) {
    Set<String> expanded = new LinkedHashSet<>();
    for (String name : names) {
      expanded.addAll(presets.getOrDefault(name, List.of(name)));
    }
    return List.copyOf(expanded);
  }

  /**
   * Checks the expanded {@code trainable} groups and the {@code lora} section together: adapters need the
   * {@code lora} (or {@code all}) group, and that group needs adapters.
   */
  public void validate(ConfigProblems problems, List<String> trainable, LoraConfig lora, LoraTargets targets) {
    for (String group : trainable) {
      problems.check(isGroup(group), "trainable", group, "one of " + names());
    }
    if (lora != null) {
      lora.validate((field, value, expected) -> problems.reject("lora." + field, value, expected), targets);
    }
    boolean adaptersTrain = trainable.contains("lora") || trainable.contains("all");
    problems.check(lora != null || !trainable.contains("lora"), "trainable", trainable,
        "groups without 'lora' unless a 'lora' section configures the adapters");
    problems.check(lora == null || adaptersTrain, "lora", "(adapters)",
        "'lora' or 'all' among trainable: adapters that do not train stay zero");
  }

  public Set<ParameterRole> roles(List<String> names) {
    Set<ParameterRole> roles = EnumSet.noneOf(ParameterRole.class);
    names.forEach(g -> roles.addAll(groups.getOrDefault(g, Set.of())));
    return roles;
  }
}
