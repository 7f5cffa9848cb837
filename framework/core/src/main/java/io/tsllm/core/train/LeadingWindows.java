package io.tsllm.core.train;

import io.tsllm.spi.WindowSplit;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The first windows of a split, in its order: what a PyTorch {@code DataLoader} with {@code shuffle=False} and
 * {@code drop_last=True} yields, the last incomplete batch left out.
 */
final class LeadingWindows implements WindowSplit {

  private final WindowSplit split;
  private final int size;

  private LeadingWindows(WindowSplit split, int size) {
    this.split = split;
    this.size = size;
  }

  /**
   * The windows of whole batches of {@code batchSize}; the whole split when it is smaller than one batch (PyTorch
   * would yield no batch at all, and its mean loss would be NaN).
   */
  static WindowSplit wholeBatches(WindowSplit split, int batchSize) {
    int whole = split.size() / batchSize * batchSize;
    return whole == 0 ? split : new LeadingWindows(split, whole);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void copyInput(int index, float[] dest, int offset) {
    split.copyInput(index, dest, offset);
  }

  @Override
  public void copyTarget(int index, float[] dest, int offset) {
    split.copyTarget(index, dest, offset);
  }

  @Override
  public Optional<LocalDateTime> stepTime(int index, int step) {
    return split.stepTime(index, step);
  }
}
