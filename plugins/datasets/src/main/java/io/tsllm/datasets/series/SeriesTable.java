package io.tsllm.datasets.series;

import java.util.List;

/**
 * A numeric multichannel series, row-major (from a CSV file, a NumPy array, ...); missing values are NaN until
 * {@link MissingValues} fills them.
 *
 * @param columns names of the numeric columns, in file order
 * @param values {@code rows * columns.size()} values
 * @param rowLabel what {@code lines} count in messages: {@code line} (a file line) or {@code row}
 * @param lines where each row came from (a file line, a row index), for messages
 * @param skipped rows skipped as malformed, with the reason
 * @param timestampColumn the name of the file's timestamp column, or null when it has none
 */
public record SeriesTable(
    List<String> columns, int rows, float[] values, String rowLabel, int[] lines, List<String> skipped,
    String timestampColumn) {

  /** A table without a timestamp column. */
  public SeriesTable(List<String> columns, int rows, float[] values, String rowLabel, int[] lines,
      List<String> skipped) {
    this(columns, rows, values, rowLabel, lines, skipped, null);
  }

  public int width() {
    return columns.size();
  }

  public float value(int row, int column) {
    return values[row * columns.size() + column];
  }
}
