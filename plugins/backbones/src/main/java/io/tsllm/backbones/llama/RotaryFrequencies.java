package io.tsllm.backbones.llama;

import io.tsllm.converters.llama.RopeScaling;

/**
 * The rotary embeddings' angles as HuggingFace's {@code modeling_rope_utils} computes them: inverse frequencies
 * {@code 1 / theta^(2i / head_dim)}, scaled by the config's {@code rope_scaling} ({@code linear}: divided by the
 * factor; {@code dynamic}: a larger base once the sequence is longer than {@code max_position_embeddings};
 * {@code llama3}: long wavelengths divided by the factor, short ones kept, a smooth blend between), and the
 * {@code cos}/{@code sin} tables {@code [count, head_dim]} with each frequency repeated for both halves.
 */
final class RotaryFrequencies {

  private final int headDim;
  private final double theta;
  private final RopeScaling scaling;
  private final int maxPositions;

  RotaryFrequencies(int headDim, double theta, RopeScaling scaling, int maxPositions) {
    this.headDim = headDim;
    this.theta = theta;
    this.scaling = scaling;
    this.maxPositions = maxPositions;
  }

  /** The {@code head_dim / 2} inverse frequencies for a sequence of {@code count} positions. */
  double[] inverse(int count) {
    String type = scaling == null ? "default" : scaling.type();
    double base = theta;
    if (type.equals("dynamic")) {
      double factor = scaling.factor();
      double length = Math.max(count, maxPositions);
      base = theta * Math.pow(factor * length / maxPositions - (factor - 1), headDim / (headDim - 2.0));
    }
    double[] frequencies = new double[headDim / 2];
    for (int i = 0; i < frequencies.length; i++) {
      frequencies[i] = 1 / Math.pow(base, 2.0 * i / headDim);
      if (type.equals("linear")) {
        frequencies[i] /= scaling.factor();
      } else if (type.equals("llama3")) {
        frequencies[i] = llama3(frequencies[i]);
      }
    }
    return frequencies;
  }

  private double llama3(double frequency) {
    double factor = scaling.factor();
    double low = scaling.lowFreqFactor();
    double high = scaling.highFreqFactor();
    double context = scaling.originalMaxPositionEmbeddings();
    double wavelength = 2 * Math.PI / frequency;
    if (wavelength < context / high) {
      return frequency;
    }
    if (wavelength > context / low) {
      return frequency / factor;
    }
    double smooth = (context / wavelength - low) / (high - low);
    return (1 - smooth) * frequency / factor + smooth * frequency;
  }

  /** {@code cos} ({@code sine} false) or {@code sin} of position times frequency, {@code [count, head_dim]}. */
  float[][] table(int count, boolean sine) {
    double[] frequencies = inverse(count);
    float[][] table = new float[count][headDim];
    int half = headDim / 2;
    for (int position = 0; position < count; position++) {
      for (int i = 0; i < half; i++) {
        double angle = position * frequencies[i];
        float value = (float) (sine ? Math.sin(angle) : Math.cos(angle));
        table[position][i] = value;
        table[position][i + half] = value;
      }
    }
    return table;
  }
}
