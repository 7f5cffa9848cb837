package io.tsllm.datasets.csv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ETT protocol of Zhou et al. (Informer) as GPT4TS and Time-Series-Library use it: 12 months for training, 4
 * for validation, 4 for test, counted in rows of the file's frequency. Validation and test windows start
 * {@code input_length} rows before their border so that their first forecast starts exactly at the border.
 *
 * @param rowsPerMonth 30 days of rows: 720 for hourly data, 2880 for 15-minute data
 */
record EttSplit(int rowsPerMonth) {

  static final Map<String, EttSplit> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put("etth", new EttSplit(30 * 24));
    PRESETS.put("ettm", new EttSplit(30 * 24 * 4));
  }

  int trainEnd() {
    return 12 * rowsPerMonth;
  }

  int validationEnd() {
    return 16 * rowsPerMonth;
  }

  int testEnd() {
    return 20 * rowsPerMonth;
  }

  /** The rows {@code [start, end)} a split's windows are cut from. */
  record Borders(int start, int end) {

    /** Windows of {@code inputLength + horizon} rows with stride 1. */
    int windows(int inputLength, int horizon) {
      return Math.max(0, end - start - inputLength - horizon + 1);
    }
  }

  Borders train() {
    return new Borders(0, trainEnd());
  }

  Borders validation(int inputLength) {
    return new Borders(trainEnd() - inputLength, validationEnd());
  }

  Borders test(int inputLength) {
    return new Borders(validationEnd() - inputLength, testEnd());
  }
}
