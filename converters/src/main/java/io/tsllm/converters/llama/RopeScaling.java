package io.tsllm.converters.llama;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code rope_scaling} section of a LLaMA-family {@code config.json}, for the types this framework computes as
 * HuggingFace's {@code modeling_rope_utils} does: {@code linear} (positions divided by {@code factor}),
 * {@code dynamic} (NTK-aware: a larger base once a sequence is longer than {@code max_position_embeddings}) and
 * {@code llama3} (Llama 3.1's wavelength-dependent interpolation). {@code yarn} and {@code longrope} are refused.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RopeScaling(
    @JsonProperty("rope_type") @JsonAlias("type")
    @JsonPropertyDescription("linear, dynamic or llama3 (HuggingFace's rope_type; older configs call it type)")
    String ropeType,
    @JsonPropertyDescription("the scaling factor")
    Double factor,
    @JsonProperty("low_freq_factor") @JsonPropertyDescription("llama3: low_freq_factor")
    Double lowFreqFactor,
    @JsonProperty("high_freq_factor") @JsonPropertyDescription("llama3: high_freq_factor")
    Double highFreqFactor,
    @JsonProperty("original_max_position_embeddings")
    @JsonPropertyDescription("llama3: the context length the model was pre-trained with")
    Integer originalMaxPositionEmbeddings) {

  public static final List<String> SUPPORTED = List.of("default", "linear", "dynamic", "llama3");

  /** Problems with this section, each as "field: what is wrong"; empty when it can be computed. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    String type = ropeType == null ? "default" : ropeType;
    if (!SUPPORTED.contains(type)) {
      problems.add("rope_type: '" + type + "' is not supported (supported: " + SUPPORTED + ")");
      return problems;
    }
    if (!type.equals("default") && (factor == null || factor < 1)) {
      problems.add("factor: " + factor + "; expected a number >= 1");
    }
    if (type.equals("llama3")) {
      if (lowFreqFactor == null || highFreqFactor == null || highFreqFactor <= lowFreqFactor) {
        problems.add("low_freq_factor/high_freq_factor: " + lowFreqFactor + "/" + highFreqFactor
            + "; expected both, with high_freq_factor > low_freq_factor");
      }
      if (originalMaxPositionEmbeddings == null || originalMaxPositionEmbeddings < 1) {
        problems.add("original_max_position_embeddings: " + originalMaxPositionEmbeddings
            + "; expected a positive integer");
      }
    }
    return problems;
  }

  public String type() {
    return ropeType == null ? "default" : ropeType;
  }
}
