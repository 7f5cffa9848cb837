package io.tsllm.spi;

/**
 * The windows of one split (train, validation or test), produced on demand so that memory grows with the batch,
 * not with the number of windows. Values are already scaled (see {@link Dataset#scaler()}).
 */
public interface WindowSplit {

  /** The number of windows in this split. */
  int size();

  /** Copies window {@code index}'s input, row-major {@code [input_length, channels]}, into {@code dest}. */
  void copyInput(int index, float[] dest, int offset);

  /** Copies window {@code index}'s target, row-major {@code [target_length, target_channels]}, into {@code dest}. */
  void copyTarget(int index, float[] dest, int offset);
}
