package io.tsllm.core.serve;

import io.tsllm.spi.DataException;
import io.tsllm.spi.MissingValueText;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A series for a served model, read from a CSV with a header: every column but an optional timestamp column is a
 * channel, in the order the model was trained on.
 *
 * @param columns the channel columns' names
 * @param rows oldest first, each row one value per channel (NaN where a value is missing, when allowed)
 * @param stampColumn the timestamp column's name, or null without one
 * @param stamps each row's timestamp as written, or empty without a timestamp column
 */
record SeriesCsv(List<String> columns, List<float[]> rows, String stampColumn, List<String> stamps) {

  /** @param allowMissing read empty and NaN fields as missing values instead of refusing them */
  static SeriesCsv read(Path file, String dateColumn, boolean allowMissing) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null || header.isBlank()) {
        throw new DataException(file, null, "is empty; expected a header line naming the columns");
      }
      List<String> names = Arrays.stream(header.split(",", -1)).map(String::trim).toList();
      int skipped = names.indexOf(dateColumn);
      List<String> columns = new ArrayList<>(names);
      if (skipped >= 0) {
        columns.remove(skipped);
      }
      List<float[]> rows = new ArrayList<>();
      List<String> stamps = new ArrayList<>();
      int line = 1;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        String[] fields = text.split(",", -1);
        if (fields.length != names.size()) {
          throw new DataException(file, "line " + line, "expected " + names.size() + " fields, found " + fields.length);
        }
        float[] row = new float[columns.size()];
        for (int i = 0, c = 0; i < fields.length; i++) {
          if (i == skipped) {
            stamps.add(fields[i].trim());
            continue;
          }
          if (allowMissing && MissingValueText.isMissing(fields[i])) {
            row[c++] = Float.NaN;
            continue;
          }
          try {
            row[c] = Float.parseFloat(fields[i].trim());
          } catch (NumberFormatException e) {
            throw new DataException(file, "line " + line + ", column " + names.get(i),
                "'" + fields[i].trim() + "' is not a number");
          }
          if (!Float.isFinite(row[c])) {
            throw new DataException(file, "line " + line + ", column " + names.get(i), "is not a finite number");
          }
          c++;
        }
        rows.add(row);
      }
      return new SeriesCsv(columns, rows, skipped >= 0 ? dateColumn : null, stamps);
    } catch (NoSuchFileException e) {
      throw new DataException(file, null, "no such file");
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
    }
  }
}
