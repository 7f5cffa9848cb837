package io.tsllm.datasets.csv;

import java.util.List;

/**
 * The numeric columns of a CSV file, row-major.
 *
 * @param columns names of the numeric columns, in file order
 * @param values {@code rows * columns.size()} values
 */
record CsvTable(List<String> columns, int rows, float[] values) {

  int width() {
    return columns.size();
  }

  float value(int row, int column) {
    return values[row * columns.size() + column];
  }
}
