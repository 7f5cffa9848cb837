package io.tsllm.datasets.anomaly;

import io.tsllm.spi.CsvHeader;
import io.tsllm.spi.CsvRecords;
import io.tsllm.spi.DataException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of comma-separated finite numbers ({@link CsvRecords}: quoted fields, CRLF), with or without a header
 * line, optionally with a timestamp column ({@code yyyy-MM-dd HH:mm:ss[.fraction]}, a {@code T} accepted in place
 * of the space). Every malformed row fails with its file, line and column: a wrong field count, a non-numeric or
 * non-finite value, a bad timestamp.
 *
 * @param columns the numeric columns' names ({@code c0, c1, ...} without a header)
 * @param values {@code rows * columns.size()} values, row-major
 * @param timestamps one per row when a timestamp column was read, otherwise empty
 */
record NumericRows(List<String> columns, int rows, float[] values, List<LocalDateTime> timestamps) {

  static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  /** Parses a timestamp of NAB's files and label windows; null when it is not one. */
  static LocalDateTime timestamp(String text) {
    try {
      return LocalDateTime.parse(text.trim().replace('T', ' '), TIMESTAMP);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * @param header whether the first line names the columns
   * @param timestampColumn the header's timestamp column (required with a header), null without one
   */
  static NumericRows read(Path file, boolean header, String timestampColumn) {
    try (CsvRecords records = CsvRecords.open(file)) {
      List<String> names = null;
      int timeIndex = -1;
      if (header) {
        CsvRecords.Record first = records.next();
        if (first == null) {
          throw new DataException(file, null, "the file is empty; expected a header line naming the columns");
        }
        names = CsvHeader.columns(file, first);
        timeIndex = names.indexOf(timestampColumn);
        if (timestampColumn != null && timeIndex < 0) {
          throw new DataException(file, "line " + first.line(), "has no timestamp column '" + timestampColumn
              + "'; it has " + names);
        }
      }
      List<String> columns = null;
      List<LocalDateTime> times = new ArrayList<>();
      float[] values = new float[1024];
      int count = 0;
      int rows = 0;
      for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
        List<String> fields = record.fields();
        String line = "line " + record.line();
        if (names == null) {
          names = new ArrayList<>();
          for (int i = 0; i < fields.size(); i++) {
            names.add("c" + i);
          }
        }
        if (columns == null) {
          columns = new ArrayList<>(names);
          if (timeIndex >= 0) {
            columns.remove(timeIndex);
          }
          if (columns.isEmpty()) {
            throw new DataException(file, "line 1", "has no numeric column besides '" + timestampColumn + "'");
          }
        }
        if (fields.size() != names.size()) {
          throw new DataException(file, line, "has " + fields.size() + " fields, expected " + names.size()
              + " (" + names + ")");
        }
        for (int i = 0; i < fields.size(); i++) {
          String field = fields.get(i);
          if (i == timeIndex) {
            LocalDateTime time = timestamp(field);
            if (time == null) {
              throw new DataException(file, line + ", column '" + names.get(i) + "'",
                  "'" + field + "' is not a timestamp (expected yyyy-MM-dd HH:mm:ss)");
            }
            times.add(time);
            continue;
          }
          float value;
          try {
            value = Float.parseFloat(field.trim());
          } catch (NumberFormatException e) {
            throw new DataException(file, line + ", column '" + names.get(i) + "'",
                "'" + field + "' is not a number");
          }
          if (!Float.isFinite(value)) {
            throw new DataException(file, line + ", column '" + names.get(i) + "'",
                "'" + field + "' is not a finite number (NaN and Inf are refused)");
          }
          if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
          }
          values[count++] = value;
        }
        rows++;
      }
      if (rows == 0) {
        throw new DataException(file, null, "has no data rows");
      }
      return new NumericRows(List.copyOf(columns), rows, Arrays.copyOf(values, count), List.copyOf(times));
    }
  }

  int width() {
    return columns.size();
  }

  /** Rows {@code [from, to)}. */
  float[] rows(int from, int to) {
    return Arrays.copyOfRange(values, from * width(), to * width());
  }
}
