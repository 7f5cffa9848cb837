package io.tsllm.spi;

/**
 * Per-channel affine scaling fitted on the training split: {@code scaled = (value - mean) / scale}.
 *
 * @param mean per-channel mean
 * @param scale per-channel scale (a standard deviation for standard scaling)
 */
public record ChannelScaler(double[] mean, double[] scale) {

  public ChannelScaler {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException("mean and scale differ in length: " + mean.length + " vs " + scale.length);
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  public int channels() {
    return mean.length;
  }

  public double scale(double value, int channel) {
    return (value - mean[channel]) / scale[channel];
  }

  public double inverse(double scaled, int channel) {
    return scaled * scale[channel] + mean[channel];
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }
}
