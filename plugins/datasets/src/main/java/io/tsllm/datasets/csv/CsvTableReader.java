package io.tsllm.datasets.csv;

import io.tsllm.datasets.series.SeriesTable;
import io.tsllm.spi.CsvHeader;
import io.tsllm.spi.CsvRecords;
import io.tsllm.spi.DataException;
import io.tsllm.spi.MissingValueText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a headed CSV file ({@link CsvRecords}: quoted fields, CRLF, a byte-order mark) whose columns are numeric,
 * except an optional timestamp column that is skipped. Empty
 * fields and {@code NaN}/{@code NA}/{@code null} are missing values (kept as NaN); malformed rows fail with their
 * line, or are skipped and listed when asked to.
 */
final class CsvTableReader {

  SeriesTable read(Path file, String dateColumn, boolean skipBadRows) {
    try (CsvRecords records = CsvRecords.open(file)) {
      CsvRecords.Record header = records.next();
      if (header == null) {
        throw new DataException(file, null, "the file is empty; expected a header line naming the columns");
      }
      List<String> names = CsvHeader.columns(file, header);
      int skippedColumn = names.indexOf(dateColumn);
      List<String> columns = new ArrayList<>(names);
      if (skippedColumn >= 0) {
        columns.remove(skippedColumn);
      }
      if (columns.isEmpty()) {
        throw new DataException(file, "line " + header.line(), "no numeric columns besides '" + dateColumn + "'");
      }
      FloatList values = new FloatList();
      List<Integer> lines = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      float[] row = new float[columns.size()];
      for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
        String problem = parse(file, record, names, skippedColumn, row, skipBadRows);
        if (problem != null) {
          skipped.add("line " + record.line() + ": " + problem);
          continue;
        }
        for (float v : row) {
          values.add(v);
        }
        lines.add(record.line());
      }
      if (lines.isEmpty()) {
        throw new DataException(file, null, "the file has a header but no data rows");
      }
      return new SeriesTable(columns, lines.size(), values.toArray(), "line",
          lines.stream().mapToInt(Integer::intValue).toArray(), skipped, skippedColumn >= 0 ? dateColumn : null);
    }
  }

  private static final String SKIP_HINT =
      "; data.skip_bad_rows: true (run or validate --skip-bad-rows) skips and counts such rows";

  /** Fills {@code row}; returns why the line is malformed when skipping, throws otherwise; null when fine. */
  private static String parse(Path file, CsvRecords.Record record, List<String> names, int skippedColumn,
      float[] row, boolean skip) {
    int lineNumber = record.line();
    List<String> fields = record.fields();
    if (fields.size() != names.size()) {
      String problem = "expected " + names.size() + " fields (" + String.join(",", names) + "), found "
          + fields.size();
      if (skip) {
        return problem;
      }
      throw new DataException(file, "line " + lineNumber, problem + SKIP_HINT);
    }
    for (int i = 0, c = 0; i < fields.size(); i++) {
      if (i == skippedColumn) {
        continue;
      }
      String text = fields.get(i).trim();
      if (MissingValueText.isMissing(text)) {
        row[c++] = Float.NaN;
        continue;
      }
      float value;
      try {
        value = Float.parseFloat(text);
      } catch (NumberFormatException e) {
        String problem = "column " + names.get(i) + ": '" + text + "' is not a number";
        if (skip) {
          return problem;
        }
        throw new DataException(file, "line " + lineNumber + ", column " + names.get(i),
            "'" + text + "' is not a number" + SKIP_HINT);
      }
      if (Float.isInfinite(value)) {
        throw new DataException(file, "line " + lineNumber + ", column " + names.get(i),
            "'" + text + "' is not a finite number");
      }
      row[c++] = value;
    }
    return null;
  }

  /** A growable float array, to avoid boxing a million values. */
  private static final class FloatList {
    private float[] data = new float[1 << 16];
    private int size;

    void add(float value) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = value;
    }

    float[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
