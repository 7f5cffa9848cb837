package io.tsllm.heads.pick;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;
import java.util.Locale;

/**
 * Config of the {@code pick} head.
 */
public record PickHeadConfig(
    @JsonPropertyDescription("names of the phases, in the order of the dataset's pick labels; metric names start"
        + " with each name in lower case (p_f1, s_f1)")
    List<String> phases,
    @JsonPropertyDescription("a pick is the peak of each run of probabilities at or above this threshold, in (0, 1);"
        + " detection flags the steps at or above it")
    Double threshold,
    @JsonPropertyDescription("a pick within this many seconds of the labelled arrival is a true positive")
    Double tolerance,
    @JsonPropertyDescription("the waveforms' sampling rate in Hz, to turn seconds into samples (STEAD, DiTing: 100)")
    Double samplingRate,
    @JsonPropertyDescription("also learn the detection (event present) probability: from the first labelled arrival"
        + " to the last plus coda_factor times their gap (SeisBench's DetectionLabeller), or to the window's end"
        + " with one arrival")
    Boolean detection,
    @JsonPropertyDescription("the coda after the last arrival, as a multiple of the gap between first and last"
        + " arrival (S - P)")
    Double codaFactor,
    @JsonPropertyDescription("weights of the binary cross-entropy per output: detection first (when learned), then"
        + " each phase; default all 1")
    List<Double> lossWeights,
    @JsonPropertyDescription("weight of the labelled (positive) side of each phase's cross-entropy, as PyTorch's"
        + " pos_weight: above 1 counters how few samples a pick label covers; detection is unweighted")
    Double positiveWeight,
    @JsonPropertyDescription("the decoder's channels in SeisMoLLM's order (dp_head_channels); the decoder runs them"
        + " reversed, the first stage widest")
    List<Integer> channels,
    @JsonPropertyDescription("the decoder's kernel sizes in SeisMoLLM's order (its conv_kernel_sizes), run reversed")
    List<Integer> kernels)
    implements PluginConfig {

  public PickHeadConfig {
    phases = phases == null ? List.of("P", "S") : List.copyOf(phases);
    threshold = threshold == null ? 0.3 : threshold;
    tolerance = tolerance == null ? 0.1 : tolerance;
    samplingRate = samplingRate == null ? 100.0 : samplingRate;
    detection = detection == null ? Boolean.TRUE : detection;
    codaFactor = codaFactor == null ? 1.4 : codaFactor;
    lossWeights = lossWeights == null ? null : List.copyOf(lossWeights);
    positiveWeight = positiveWeight == null ? 1.0 : positiveWeight;
    channels = channels == null ? List.of(128, 160, 192, 224) : List.copyOf(channels);
    kernels = kernels == null ? List.of(16, 8, 6, 1) : List.copyOf(kernels);
  }

  /** Outputs of the decoder: detection (when learned) and one per phase. */
  int outputs() {
    return phases.size() + (detection ? 1 : 0);
  }

  /** The loss weight of each decoder output, in decoder order. */
  float[] weights() {
    float[] weights = new float[outputs()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = lossWeights == null ? 1f : lossWeights.get(i).floatValue();
    }
    return weights;
  }

  /** The tolerance in samples. */
  double toleranceSamples() {
    return tolerance * samplingRate;
  }

  /** The metric prefix of phase {@code i}: its name in lower case and an underscore. */
  String prefix(int i) {
    return phases.get(i).toLowerCase(Locale.ROOT) + "_";
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(!phases.isEmpty(), "phases", phases, "at least one phase name");
    for (int i = 0; i < phases.size(); i++) {
      String name = phases.get(i);
      problems.check(name != null && name.matches("[A-Za-z][A-Za-z0-9]*"), "phases[" + i + "]", name,
          "a phase name of letters and digits (P, S, Pg)");
      problems.check(name == null || !name.equalsIgnoreCase("det") && phases.stream().filter(name::equalsIgnoreCase)
          .count() == 1, "phases[" + i + "]", name, "a name given once (case aside) and not 'det'");
    }
    problems.check(threshold > 0 && threshold < 1, "threshold", threshold, "a probability in (0, 1)");
    problems.check(tolerance > 0 && Double.isFinite(tolerance), "tolerance", tolerance, "seconds > 0");
    problems.check(samplingRate > 0 && Double.isFinite(samplingRate), "sampling_rate", samplingRate, "Hz > 0");
    problems.check(codaFactor >= 0 && Double.isFinite(codaFactor), "coda_factor", codaFactor, "a number >= 0");
    if (lossWeights != null) {
      problems.check(lossWeights.size() == outputs(), "loss_weights", lossWeights, outputs() + " weights ("
          + (detection ? "detection, then " : "") + "one per phase)");
      problems.check(lossWeights.stream().allMatch(w -> w != null && w >= 0 && Double.isFinite(w))
          && lossWeights.stream().anyMatch(w -> w > 0), "loss_weights", lossWeights,
          "weights >= 0, at least one > 0");
    }
    problems.check(positiveWeight > 0 && Double.isFinite(positiveWeight), "positive_weight", positiveWeight,
        "a weight > 0");
    problems.check(!channels.isEmpty() && channels.size() == kernels.size(), "kernels", kernels,
        "one kernel size per decoder channel count (" + channels.size() + ")");
    problems.check(channels.stream().allMatch(c -> c != null && c > 0), "channels", channels, "channel counts > 0");
    problems.check(kernels.stream().allMatch(k -> k != null && k > 0), "kernels", kernels, "kernel sizes > 0");
  }
}
