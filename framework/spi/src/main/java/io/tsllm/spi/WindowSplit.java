package io.tsllm.spi;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The windows of one split (train, validation or test), produced on demand so that memory grows with the batch,
 * not with the number of windows. Values are already scaled (see {@link Dataset#scaler()}).
 *
 * <p>Conventions the framework relies on: the three splits come from disjoint parts of the data (for a series, in
 * time order: training first, test last); a validation or test window may start before its split's border so that
 * its targets cover the split from its first step (its input then reads rows of the split before it, as the field's
 * benchmarks do), but no target of one split lies in another; window {@code index} always yields the same values,
 * in any order and from any thread that the framework reads it with; the framework shuffles training windows
 * itself, so a split lists them in a fixed order.
 */
public interface WindowSplit {

  /** The number of windows in this split. */
  int size();

  /** Copies window {@code index}'s input, row-major {@code [input_length, channels]}, into {@code dest}. */
  void copyInput(int index, float[] dest, int offset);

  /** Copies window {@code index}'s target, row-major {@code [target_length, target_channels]}, into {@code dest}. */
  void copyTarget(int index, float[] dest, int offset);

  /**
   * When input step {@code step} of window {@code index} was observed, for data with timestamps; plots then show
   * time instead of step numbers. Empty (the default) when the data has none.
   */
  default Optional<LocalDateTime> stepTime(int index, int step) {
    return Optional.empty();
  }
}
