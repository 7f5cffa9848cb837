package io.tsllm.core.serve.picking;

import io.tsllm.spi.ProbabilityPeaks;
import java.util.Optional;

/**
 * {@link ProbabilityPeaks} on a trace that arrives sample by sample: each run at or above the threshold gives one
 * pick at its highest sample, reported when the run ends.
 */
final class PeakTracker {

  private final float threshold;
  private long best = -1;
  private float bestValue;

  PeakTracker(float threshold) {
    this.threshold = threshold;
  }

  /** The next sample; the pick of a run that ended before it, if any. */
  Optional<ProbabilityPeaks.Peak> accept(long index, float value) {
    if (value >= threshold) {
      if (best < 0 || value > bestValue) {
        best = index;
        bestValue = value;
      }
      return Optional.empty();
    }
    return finish();
  }

  /** The pick of a run still open at the record's end. */
  Optional<ProbabilityPeaks.Peak> finish() {
    if (best < 0) {
      return Optional.empty();
    }
    ProbabilityPeaks.Peak peak = new ProbabilityPeaks.Peak((int) Math.min(Integer.MAX_VALUE, best), bestValue);
    best = -1;
    return Optional.of(peak);
  }
}
