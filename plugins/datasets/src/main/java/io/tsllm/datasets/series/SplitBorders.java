package io.tsllm.datasets.series;

import java.nio.file.Path;
import io.tsllm.spi.DataException;

/**
 * The rows each split's windows are cut from. Validation and test start {@code input_length} rows before their
 * border, so their first forecast starts exactly at the border (the protocol of Informer, GPT4TS and
 * Time-Series-Library).
 */
public record SplitBorders(Borders train, Borders validation, Borders test, int rowsUsed) {

  /** Rows {@code [start, end)}. */
  public record Borders(int start, int end) {

    /** Windows of {@code inputLength + horizon} rows with stride 1. */
    public int windows(int inputLength, int horizon) {
      return Math.max(0, end - start - inputLength - horizon + 1);
    }
  }

  public int trainEnd() {
    return train.end();
  }

  /** ETT: 12 months train, 4 validation, 4 test, of {@code rowsPerMonth} rows (720 hourly, 2880 at 15 minutes). */
  public static SplitBorders ett(String preset, int rows, int inputLength, Path file) {
    int month = "ettm".equals(preset) ? 30 * 24 * 4 : 30 * 24;
    int trainEnd = 12 * month;
    int validationEnd = 16 * month;
    int testEnd = 20 * month;
    if (rows < testEnd) {
      throw new DataException(file, null, "has " + rows + " data rows; the '" + preset + "' split needs at least "
          + testEnd + " (train [0, " + trainEnd + "), validation to " + validationEnd + ", test to " + testEnd + ")");
    }
    return new SplitBorders(new Borders(0, trainEnd), new Borders(trainEnd - inputLength, validationEnd),
        new Borders(validationEnd - inputLength, testEnd), testEnd);
  }

  /** Time-Series-Library's custom protocol: int(0.7 n) train, int(0.2 n) test, the rest validation. */
  public static SplitBorders ratio(int rows, double trainRatio, double testRatio, int inputLength) {
    int train = (int) (rows * trainRatio);
    int test = (int) (rows * testRatio);
    int validation = rows - train - test;
    return new SplitBorders(new Borders(0, train), new Borders(train - inputLength, train + validation),
        new Borders(rows - test - inputLength, rows), rows);
  }
}
