package io.tsllm.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks in a probability trace as SeisBench takes them from annotations: each run of consecutive samples at or
 * above a threshold gives one pick, at the run's highest sample (the first of equal highest ones).
 */
public final class ProbabilityPeaks {

  private ProbabilityPeaks() {}

  /** A pick: the sample's index in the trace and its probability. */
  public record Peak(long index, float probability) {}

  /**
   * The picks of one trace held in {@code values} at {@code offset + t * stride} for {@code t} in
   * {@code [0, length)} (a channel of an interleaved {@code [length, channels]} block when {@code stride} is the
   * channel count).
   */
  public static List<Peak> find(float[] values, int offset, int length, int stride, float threshold) {
    List<Peak> peaks = new ArrayList<>();
    Tracker tracker = new Tracker(threshold);
    for (int t = 0; t < length; t++) {
      tracker.accept(t, values[offset + t * stride]).ifPresent(peaks::add);
    }
    tracker.finish().ifPresent(peaks::add);
    return peaks;
  }

  /** The same picks from a trace that arrives sample by sample, each reported when its run ends. */
  public static final class Tracker {

    private final float threshold;
    private long best = -1;
    private float bestValue;

    public Tracker(float threshold) {
      this.threshold = threshold;
    }

    /** The next sample; the pick of a run that ended before it, if any. */
    public Optional<Peak> accept(long index, float value) {
      if (value >= threshold) {
        if (best < 0 || value > bestValue) {
          best = index;
          bestValue = value;
        }
        return Optional.empty();
      }
      return finish();
    }

    /** The pick of a run still open (at the trace's end). */
    public Optional<Peak> finish() {
      if (best < 0) {
        return Optional.empty();
      }
      Peak peak = new Peak(best, bestValue);
      best = -1;
      return Optional.of(peak);
    }
  }
}
