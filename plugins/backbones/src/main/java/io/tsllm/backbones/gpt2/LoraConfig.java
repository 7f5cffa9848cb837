package io.tsllm.backbones.gpt2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Low-rank adapters as PEFT defines them: for a targeted projection {@code y = x W + b}, add
 * {@code (alpha / rank) * dropout(x) A^T B^T} with {@code A [rank, in]} Kaiming-uniform and {@code B [out, rank]}
 * zero, so that before training the model computes exactly what the base model does.
 */
public record LoraConfig(
    @JsonPropertyDescription("the adapters' rank r")
    Integer rank,
    @JsonPropertyDescription("the scaling numerator; the delta is scaled by alpha / rank")
    Double alpha,
    @JsonPropertyDescription("dropout on the adapter's input")
    Double dropout,
    @JsonPropertyDescription("projections to adapt: attn.c_attn, attn.c_proj, mlp.c_fc, mlp.c_proj, or all-linear "
        + "for all four")
    List<String> targets) {

  static final List<String> TARGETS = List.of("attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj");
  static final String ALL_LINEAR = "all-linear";

  /** SeisMoLLM's adapters: rank 16, alpha 16, on every linear projection. */
  static final LoraConfig SEISMOLLM = new LoraConfig(16, 16.0, 0.0, List.of(ALL_LINEAR));

  public LoraConfig {
    rank = rank == null ? 8 : rank;
    alpha = alpha == null ? (double) rank : alpha;
    dropout = dropout == null ? 0.0 : dropout;
    targets = targets == null ? List.of("attn.c_attn") : List.copyOf(targets);
  }

  void validate(ConfigProblems problems) {
    problems.checkPositive("rank", rank);
    problems.check(alpha > 0, "alpha", alpha, "a number > 0");
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
    problems.check(!targets.isEmpty(), "targets", targets, "at least one of " + TARGETS + " or " + ALL_LINEAR);
    for (String target : targets) {
      problems.check(TARGETS.contains(target) || ALL_LINEAR.equals(target), "targets", target,
          "one of " + TARGETS + " or " + ALL_LINEAR);
    }
  }

  /** The projections adapted, with {@code all-linear} expanded. */
  Set<String> targetedProjections() {
    Set<String> expanded = new LinkedHashSet<>();
    for (String target : targets) {
      expanded.addAll(ALL_LINEAR.equals(target) ? TARGETS : List.of(target));
    }
    return expanded;
  }

  float scaling() {
    return (float) (alpha / rank);
  }
}
