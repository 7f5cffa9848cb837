package io.tsllm.datasets.csv;

import java.util.List;

/**
 * The numeric columns of a CSV file, row-major; missing values are NaN until {@link MissingValues} fills them.
 *
 * @param columns names of the numeric columns, in file order
 * @param values {@code rows * columns.size()} values
 * @param lines the file line of each row, for messages
 * @param skipped lines skipped as malformed (only with {@code skip_bad_rows}), with the reason
 */
record CsvTable(List<String> columns, int rows, float[] values, int[] lines, List<String> skipped) {

  int width() {
    return columns.size();
  }

  float value(int row, int column) {
    return values[row * columns.size() + column];
  }
}
