package io.tsllm.heads.pick;

/**
 * The classic STA/LTA trigger, the picking baseline: the ratio of the mean energy (summed over the channels) in the
 * last {@value #STA_SECONDS} s to that in the last {@value #LTA_SECONDS} s (both windows ending at the sample),
 * triggering on at {@value #ON} and off below {@value #OFF}. Where a window starts, the long window holds what came
 * before (at least twice the short one; 0 before that), so arrivals early in a window can trigger, which ObsPy's
 * {@code classic_sta_lta} (0 until the long window is full) cannot pick in the short windows of training data.
 */
final class StaLtaTrigger {

  static final double STA_SECONDS = 0.5;
  static final double LTA_SECONDS = 5;
  static final double ON = 3;
  static final double OFF = 1.5;

  private final int sta;
  private final int lta;

  StaLtaTrigger(double samplingRate) {
    this.sta = Math.max(1, (int) Math.round(STA_SECONDS * samplingRate));
    this.lta = Math.max(2 * sta, (int) Math.round(LTA_SECONDS * samplingRate));
  }

  /** The ratio per sample of a window {@code [length, channels]} at {@code offset}. */
  double[] ratio(float[] inputs, int offset, int length, int channels) {
    double[] cumulative = new double[length + 1];
    for (int t = 0; t < length; t++) {
      double energy = 0;
      for (int c = 0; c < channels; c++) {
        double x = inputs[offset + t * channels + c];
        energy += Double.isNaN(x) ? 0 : x * x;
      }
      cumulative[t + 1] = cumulative[t] + energy;
    }
    double[] ratio = new double[length];
    for (int t = 2 * sta - 1; t < length; t++) {
      int longLength = Math.min(lta, t + 1);
      double shortMean = (cumulative[t + 1] - cumulative[t + 1 - sta]) / sta;
      double longMean = (cumulative[t + 1] - cumulative[t + 1 - longLength]) / longLength;
      ratio[t] = longMean > 0 ? shortMean / longMean : 0;
    }
    return ratio;
  }

  /** The first sample where the ratio reaches {@link #ON}, or -1. */
  static int onset(double[] ratio) {
    for (int t = 0; t < ratio.length; t++) {
      if (ratio[t] >= ON) {
        return t;
      }
    }
    return -1;
  }

  /** From the onset to the last sample before the ratio falls below {@link #OFF}; null without an onset. */
  static int[] span(double[] ratio) {
    int on = onset(ratio);
    if (on < 0) {
      return null;
    }
    int off = on;
    while (off + 1 < ratio.length && ratio[off + 1] >= OFF) {
      off++;
    }
    return new int[] {on, off};
  }
}
