package io.tsllm.datasets.series;

import io.tsllm.spi.WindowSplit;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Windows of {@code inputLength} rows with a stride over rows {@code [start, end)} of a row-major series; each
 * window's target is the labels of its rows ({@code labelWidth} per row, e.g. an anomaly flag or phase-pick
 * probabilities; none when 0). With a stride equal to the window length the windows tile the split in order, as
 * the anomaly-detection test protocol scores every step once.
 */
public final class StridedWindows implements WindowSplit {

  private final float[] series;
  private final float[] labels;
  private final int width;
  private final int labelWidth;
  private final int start;
  private final int inputLength;
  private final int stride;
  private final int count;
  private final List<LocalDateTime> times;

  /** @param labels {@code labelWidth} values per row of {@code series}, row-major */
  public StridedWindows(float[] series, float[] labels, int width, int labelWidth, int start, int end,
      int inputLength, int stride) {
    this(series, labels, width, labelWidth, start, end, inputLength, stride, null);
  }

  /** @param times each row's timestamp, or null when the rows have none */
  public StridedWindows(float[] series, float[] labels, int width, int labelWidth, int start, int end,
      int inputLength, int stride, List<LocalDateTime> times) {
    this.times = times;
    this.series = series;
    this.labels = labels;
    this.width = width;
    this.labelWidth = labelWidth;
    this.start = start;
    this.inputLength = inputLength;
    this.stride = stride;
    this.count = end - start < inputLength ? 0 : (end - start - inputLength) / stride + 1;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public void copyInput(int index, float[] dest, int offset) {
    System.arraycopy(series, row(index) * width, dest, offset, inputLength * width);
  }

  @Override
  public void copyTarget(int index, float[] dest, int offset) {
    System.arraycopy(labels, row(index) * labelWidth, dest, offset, inputLength * labelWidth);
  }

  @Override
  public Optional<LocalDateTime> stepTime(int index, int step) {
    return times == null ? Optional.empty() : Optional.of(times.get(row(index) + step));
  }

  /** The first row of window {@code index}. */
  private int row(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("window " + index + " of " + count);
    }
    return start + index * stride;
  }
}
