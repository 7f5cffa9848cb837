package io.tsllm.datasets.csv;

import io.tsllm.spi.DataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a headed CSV file whose columns are numeric, except an optional timestamp column that is skipped. */
final class CsvTableReader {

  CsvTable read(Path file, String dateColumn) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null || header.isBlank()) {
        throw new DataException(file, null, "the file is empty; expected a header line naming the columns");
      }
      List<String> names = Arrays.stream(header.split(",", -1)).map(String::trim).toList();
      int skipped = names.indexOf(dateColumn);
      List<String> columns = new ArrayList<>(names);
      if (skipped >= 0) {
        columns.remove(skipped);
      }
      if (columns.isEmpty()) {
        throw new DataException(file, "line 1", "no numeric columns besides '" + dateColumn + "'");
      }
      FloatList values = new FloatList();
      int rows = 0;
      int lineNumber = 1;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != names.size()) {
          throw new DataException(
              file,
              "line " + lineNumber,
              "expected " + names.size() + " fields (" + String.join(",", names) + "), found " + fields.length);
        }
        for (int i = 0; i < fields.length; i++) {
          if (i != skipped) {
            values.add(parse(file, lineNumber, names.get(i), fields[i].trim()));
          }
        }
        rows++;
      }
      if (rows == 0) {
        throw new DataException(file, null, "the file has a header but no data rows");
      }
      return new CsvTable(columns, rows, values.toArray());
    } catch (NoSuchFileException e) {
      throw new DataException(file, null, "no such file");
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static float parse(Path file, int line, String column, String text) {
    float value;
    try {
      value = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      String shown = text.isEmpty() ? "an empty field" : "'" + text + "'";
      throw new DataException(file, "line " + line + ", column " + column, shown + " is not a number");
    }
    if (!Float.isFinite(value)) {
      throw new DataException(
          file, "line " + line + ", column " + column, "'" + text + "' is not a finite number");
    }
    return value;
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
