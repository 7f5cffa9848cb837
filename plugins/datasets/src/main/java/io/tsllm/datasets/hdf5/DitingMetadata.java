package io.tsllm.datasets.hdf5;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tsllm.spi.DataException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rows of DiTing's part CSVs, read as they stream (Jackson CSV), keeping each trace's waveform key and the
 * requested columns as numbers, converted as SeisT reads them for SeisMoLLM: {@code evmag} and {@code st_mag} to
 * ML from {@code mag_type} (Ms: (M + 1.08) / 1.13; mb: (1.17 M + 0.67) / 1.13) and clipped to [0, 8];
 * {@code baz} modulo 360; {@code p_motion} U or C 0 (up), R or D 1 (down), else missing; {@code p_clarity} I 0
 * (impulsive), other letters 1; blanks are missing (NaN).
 */
final class DitingMetadata {

  static final List<String> CLASS_COLUMNS = List.of("p_motion", "p_clarity");
  private static final Set<String> MAGNITUDES = Set.of("evmag", "st_mag");

  /** A trace: its part, its HDF5 key ({@code earthquake/<key>}), and where its row is, for messages. */
  record Trace(int part, String key, Path csv, long line) {}

  private final List<Trace> traces = new ArrayList<>();
  private final Map<String, float[]> columns = new LinkedHashMap<>();
  private final List<String> requested;

  private DitingMetadata(List<String> requested) {
    this.requested = List.copyOf(requested);
  }

  /** The rows of each part's CSV, in part and row order, with {@code requested} columns. */
  static DitingMetadata read(Map<Integer, Path> csvByPart, List<String> requested) {
    DitingMetadata metadata = new DitingMetadata(requested);
    List<List<Float>> values = new ArrayList<>();
    requested.forEach(c -> values.add(new ArrayList<>()));
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    for (Map.Entry<Integer, Path> entry : csvByPart.entrySet()) {
      Path csv = entry.getValue();
      try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
          MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class).with(schema).readValues(reader)) {
        long line = 1;   // the header; DiTing's rows hold no line breaks
        while (rows.hasNext()) {
          Map<String, String> row = rows.next();
          line++;
          String key = clean(row.get("key"));
          if (key.isEmpty()) {
            throw new DataException(csv, "line " + line, "has no key (DiTing's CSV names each trace in 'key')");
          }
          metadata.traces.add(new Trace(entry.getKey(), waveformKey(key, csv, line), csv, line));
          for (int c = 0; c < requested.size(); c++) {
            values.get(c).add(value(row, requested.get(c), csv, line));
          }
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof DataException data) {
          throw data;
        }
        throw new DataException(csv, null, "is not a readable DiTing metadata CSV: " + e.getMessage());
      }
    }
    for (int c = 0; c < requested.size(); c++) {
      List<Float> list = values.get(c);
      float[] column = new float[list.size()];
      for (int i = 0; i < column.length; i++) {
        column[i] = list.get(i);
      }
      metadata.columns.put(requested.get(c), column);
    }
    return metadata;
  }

  List<Trace> traces() {
    return traces;
  }

  /** A requested column, one number per trace (NaN where missing). */
  float[] column(String name) {
    float[] column = columns.get(name);
    if (column == null) {
      throw new IllegalArgumentException(name + " was not requested (" + requested + ")");
    }
    return column.clone();
  }

  /** DiTing's HDF5 key of a CSV key, as SeisT forms it: "123.45" is "000123.4500". */
  static String waveformKey(String key, Path csv, long line) {
    int dot = key.indexOf('.');
    if (dot <= 0 || dot == key.length() - 1 || key.indexOf('.', dot + 1) >= 0) {
      throw new DataException(csv, "line " + line, "has key '" + key + "'; DiTing keys are <event>.<station>");
    }
    String event = key.substring(0, dot);
    String station = key.substring(dot + 1);
    return "0".repeat(Math.max(0, 6 - event.length())) + event + "." + station
        + "0".repeat(Math.max(0, 4 - station.length()));
  }

  private static float value(Map<String, String> row, String column, Path csv, long line) {
    if (!row.containsKey(column)) {
      throw new DataException(csv, "header", "has no column '" + column + "'; it has " + row.keySet());
    }
    String text = clean(row.get(column));
    if (text.isEmpty()) {
      return Float.NaN;
    }
    String where = "line " + line + ", column " + column;
    switch (column) {
      case "p_motion" -> {
        return switch (text.toLowerCase(Locale.ROOT)) {
          case "u", "c" -> 0;
          case "r", "d" -> 1;
          default -> Float.NaN;
        };
      }
      case "p_clarity" -> {
        return "i".equalsIgnoreCase(text) ? 0 : 1;
      }
      default -> {
        float number = number(text, csv, where);
        if ("baz".equals(column)) {
          return (number % 360 + 360) % 360;
        }
        if (MAGNITUDES.contains(column)) {
          String type = clean(row.get("mag_type")).toLowerCase(Locale.ROOT);
          double ml = switch (type) {
            case "ml" -> number;
            case "ms" -> (number + 1.08) / 1.13;
            case "mb" -> (1.17 * number + 0.67) / 1.13;
            default -> throw new DataException(csv, where, "has mag_type '" + type + "'; expected ML, Ms or mb");
          };
          return (float) Math.max(0, Math.min(8, ml));
        }
        return number;
      }
    }
  }

  private static float number(String text, Path csv, String where) {
    try {
      return Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new DataException(csv, where, "is '" + text + "', not a number");
    }
  }

  /** DiTing's CSVs pad some fields with spaces (SeisT strips them). */
  private static String clean(String value) {
    return value == null ? "" : value.replace(" ", "");
  }
}
