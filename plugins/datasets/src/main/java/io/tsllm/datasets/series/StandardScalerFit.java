package io.tsllm.datasets.series;

import io.tsllm.spi.ChannelScaler;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Fits scikit-learn's {@code StandardScaler} on rows {@code [0, rows)}: per-column mean and population standard
 * deviation, with scale 1 for a constant column, as the ETT benchmark code does.
 */
public final class StandardScalerFit {

  public ChannelScaler fit(SeriesTable table, int rows) {
    return fit(table.values(), rows, table.width());
  }

  /** Fits on the first {@code rows} rows of a row-major series of {@code width} columns. */
  public ChannelScaler fit(float[] values, int rows, int width) {
    double[] mean = new double[width];
    double[] scale = new double[width];
    double[] column = new double[rows];
    for (int c = 0; c < width; c++) {
      for (int r = 0; r < rows; r++) {
        column[r] = values[r * width + c];
      }
      mean[c] = new Mean().evaluate(column);
      double std = new StandardDeviation(false).evaluate(column);
      scale[c] = std == 0 ? 1 : std;
    }
    return new ChannelScaler(mean, scale);
  }

  /** Unscaled data: identity statistics. */
  public ChannelScaler identity(int width) {
    double[] ones = new double[width];
    java.util.Arrays.fill(ones, 1);
    return new ChannelScaler(new double[width], ones);
  }
}
