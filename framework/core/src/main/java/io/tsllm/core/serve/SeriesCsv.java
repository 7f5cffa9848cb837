package io.tsllm.core.serve;

import io.tsllm.spi.CsvHeader;
import io.tsllm.spi.CsvRecords;
import io.tsllm.spi.DataException;
import io.tsllm.spi.MissingValueText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A series for a served model, read from a CSV with a header ({@link CsvRecords}: quoted fields, CRLF): the
 * model's channels are found by name, in any order, and kept in the model's order; other columns (besides an
 * optional timestamp column) are ignored unread.
 *
 * @param columns the channel columns' names, in the model's order
 * @param rows oldest first, each row one value per channel (NaN where a value is missing, when allowed)
 * @param stampColumn the timestamp column's name, or null without one
 * @param stamps each row's timestamp as written, or empty without a timestamp column
 * @param ignored the file's other columns, left out
 */
record SeriesCsv(List<String> columns, List<float[]> rows, String stampColumn, List<String> stamps,
    List<String> ignored) {

  /**
   * @param channels the model's channel names, in its order
   * @param allowMissing read missing values ({@link MissingValueText}) as NaN instead of refusing them
   */
  static SeriesCsv read(Path file, String dateColumn, List<String> channels, boolean allowMissing) {
    try (CsvRecords records = CsvRecords.open(file)) {
      CsvRecords.Record header = records.next();
      if (header == null) {
        throw new DataException(file, null, "is empty; expected a header line naming the columns");
      }
      List<String> names = CsvHeader.columns(file, header);
      int stampIndex = names.indexOf(dateColumn);
      int[] source = new int[channels.size()];
      List<String> missing = new ArrayList<>();
      for (int c = 0; c < channels.size(); c++) {
        source[c] = names.indexOf(channels.get(c));
        if (source[c] < 0) {
          missing.add(channels.get(c));
        }
      }
      if (!missing.isEmpty()) {
        throw new DataException(file, "line " + header.line(), "lacks the column(s) " + missing + "; the model takes "
            + channels.size() + " " + channels + ", the file has " + names);
      }
      List<String> ignored = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (i != stampIndex && !channels.contains(names.get(i))) {
          ignored.add(names.get(i));
        }
      }
      List<float[]> rows = new ArrayList<>();
      List<String> stamps = new ArrayList<>();
      for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
        if (record.size() != names.size()) {
          throw new DataException(file, "line " + record.line(), "expected " + names.size() + " fields, found "
              + record.size());
        }
        if (stampIndex >= 0) {
          stamps.add(record.field(stampIndex).trim());
        }
        float[] row = new float[channels.size()];
        for (int c = 0; c < channels.size(); c++) {
          row[c] = value(file, record.line(), channels.get(c), record.field(source[c]), allowMissing);
        }
        rows.add(row);
      }
      return new SeriesCsv(List.copyOf(channels), rows, stampIndex >= 0 ? dateColumn : null, stamps, ignored);
    }
  }

  private static float value(Path file, int line, String column, String field, boolean allowMissing) {
    String where = "line " + line + ", column " + column;
    if (MissingValueText.isMissing(field)) {
      if (allowMissing) {
        return Float.NaN;
      }
      throw new DataException(file, where, "a missing value; this model fills no gaps in its input");
    }
    float value;
    try {
      value = Float.parseFloat(field.trim());
    } catch (NumberFormatException e) {
      throw new DataException(file, where, "'" + field.trim() + "' is not a number");
    }
    if (!Float.isFinite(value)) {
      throw new DataException(file, where, "is not a finite number");
    }
    return value;
  }
}
