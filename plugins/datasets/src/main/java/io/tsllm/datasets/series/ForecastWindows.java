package io.tsllm.datasets.series;

import io.tsllm.spi.WindowSplit;

/**
 * Forecasting windows with stride 1 over rows {@code [start, end)} of a row-major series of {@code width}
 * channels: window {@code i} reads rows {@code [start+i, start+i+inputLength)} and forecasts the last
 * {@code targetWidth} channels of the {@code horizon} rows after them.
 */
public final class ForecastWindows implements WindowSplit {

  private final float[] series;
  private final int width;
  private final int targetWidth;
  private final int start;
  private final int count;
  private final int inputLength;
  private final int horizon;

  public ForecastWindows(float[] series, int width, int targetWidth, SplitBorders.Borders borders, int inputLength,
      int horizon) {
    this.series = series;
    this.width = width;
    this.targetWidth = targetWidth;
    this.start = borders.start();
    this.count = borders.windows(inputLength, horizon);
    this.inputLength = inputLength;
    this.horizon = horizon;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public void copyInput(int index, float[] dest, int offset) {
    checkIndex(index);
    System.arraycopy(series, (start + index) * width, dest, offset, inputLength * width);
  }

  @Override
  public void copyTarget(int index, float[] dest, int offset) {
    checkIndex(index);
    int first = start + index + inputLength;
    if (targetWidth == width) {
      System.arraycopy(series, first * width, dest, offset, horizon * width);
      return;
    }
    for (int t = 0; t < horizon; t++) {
      System.arraycopy(series, (first + t) * width + width - targetWidth, dest, offset + t * targetWidth, targetWidth);
    }
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("window " + index + " of " + count);
    }
  }
}
