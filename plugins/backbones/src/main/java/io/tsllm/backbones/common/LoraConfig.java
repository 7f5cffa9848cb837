package io.tsllm.backbones.common;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Low-rank adapters as PEFT defines them: for a targeted projection {@code y = x W + b}, add
 * {@code (alpha / rank) * dropout(x) A^T B^T} with {@code A [rank, in]} Kaiming-uniform and {@code B [out, rank]}
 * zero, so that before training the model computes exactly what the base model does. Which projections exist is
 * the backbone's ({@link LoraTargets}).
 */
public record LoraConfig(
    @JsonPropertyDescription("the adapters' rank r")
    Integer rank,
    @JsonPropertyDescription("the scaling numerator; the delta is scaled by alpha / rank")
    Double alpha,
    @JsonPropertyDescription("dropout on the adapter's input")
    Double dropout,
    @JsonPropertyDescription("projections to adapt, by PEFT's module names: for gpt2 attn.c_attn (default), "
        + "attn.c_proj, mlp.c_fc, mlp.c_proj; for llama q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, "
        + "down_proj (default q_proj and v_proj, as PEFT); or all-linear for every one")
    List<String> targets) {

  public static final String ALL_LINEAR = "all-linear";

  /** SeisMoLLM's adapters: rank 16, alpha 16, on every linear projection. */
  public static final LoraConfig SEISMOLLM = new LoraConfig(16, 16.0, 0.0, List.of(ALL_LINEAR));

  public LoraConfig {
    rank = rank == null ? 8 : rank;
    alpha = alpha == null ? (double) rank : alpha;
    dropout = dropout == null ? 0.0 : dropout;
    targets = targets == null ? null : List.copyOf(targets);
  }

  public void validate(ConfigProblems problems, LoraTargets family) {
    problems.checkPositive("rank", rank);
    problems.check(alpha > 0, "alpha", alpha, "a number > 0");
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
    if (targets == null) {
      return;
    }
    problems.check(!targets.isEmpty(), "targets", targets, "at least one of " + family.all() + " or " + ALL_LINEAR);
    for (String target : targets) {
      problems.check(family.all().contains(target) || ALL_LINEAR.equals(target), "targets", target,
          "one of " + family.all() + " or " + ALL_LINEAR);
    }
  }

  /** The projections adapted, with {@code all-linear} expanded and the backbone's default when none are named. */
  public Set<String> targetedProjections(LoraTargets family) {
    Set<String> expanded = new LinkedHashSet<>();
    for (String target : targets == null ? family.defaults() : targets) {
      expanded.addAll(ALL_LINEAR.equals(target) ? family.all() : List.of(target));
    }
    return expanded;
  }

  public float scaling() {
    return (float) (alpha / rank);
  }
}
