package io.tsllm.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks in a probability trace as SeisBench takes them from annotations: each run of consecutive samples at or
 * above a threshold gives one pick, at the run's highest sample (the first of equal highest ones).
 */
public final class ProbabilityPeaks {

  private ProbabilityPeaks() {}

  /** A pick: the sample's index in the trace and its probability. */
  public record Peak(int index, float probability) {}

  /**
   * The picks of one trace held in {@code values} at {@code offset + t * stride} for {@code t} in
   * {@code [0, length)} (a channel of an interleaved {@code [length, channels]} block when {@code stride} is the
   * channel count).
   */
  public static List<Peak> find(float[] values, int offset, int length, int stride, float threshold) {
    List<Peak> peaks = new ArrayList<>();
    int best = -1;
    for (int t = 0; t < length; t++) {
      float value = values[offset + t * stride];
      if (value >= threshold) {
        if (best < 0 || value > values[offset + best * stride]) {
          best = t;
        }
      } else if (best >= 0) {
        peaks.add(new Peak(best, values[offset + best * stride]));
        best = -1;
      }
    }
    if (best >= 0) {
      peaks.add(new Peak(best, values[offset + best * stride]));
    }
    return peaks;
  }
}
