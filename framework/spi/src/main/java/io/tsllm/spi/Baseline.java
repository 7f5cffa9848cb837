package io.tsllm.spi;

/**
 * A trivial predictor a head's evaluator scores beside the model, so that every figure shows what it must beat:
 * the evaluator reports the baseline's value of a declared metric {@code m} under the key {@code prefix + m}.
 *
 * @param label a short name for tables ({@code naive}, {@code interpolation})
 * @param prefix the prefix of the baseline's metric keys, ending in {@code _}
 * @param description what the baseline predicts, one line
 */
public record Baseline(String label, String prefix, String description) {

  public Baseline {
    OutputSpec.requireName(label, "baseline label");
    if (prefix == null || !prefix.endsWith("_")) {
      throw new IllegalArgumentException("a baseline's metric prefix must end in '_', got " + prefix);
    }
    OutputSpec.requireName(prefix.substring(0, prefix.length() - 1), "baseline prefix");
    description = description == null ? "" : description;
  }

  /** The key under which this baseline's value of {@code metric} is reported. */
  public String key(String metric) {
    return prefix + metric;
  }
}
