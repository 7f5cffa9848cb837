package io.tsllm.datasets.anomaly;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A multichannel series with an anomaly label per row.
 *
 * @param columns channel names
 * @param values {@code rows * columns.size()} values, row-major
 * @param labels one label per row, 1 for an anomaly, 0 otherwise
 * @param times each row's timestamp, or null when the rows have none
 */
record LabelledSeries(List<String> columns, int rows, float[] values, float[] labels, List<LocalDateTime> times) {

  LabelledSeries(List<String> columns, int rows, float[] values, float[] labels) {
    this(columns, rows, values, labels, null);
  }

  int width() {
    return columns.size();
  }

  int anomalies() {
    int n = 0;
    for (float label : labels) {
      n += label > 0.5f ? 1 : 0;
    }
    return n;
  }
}
