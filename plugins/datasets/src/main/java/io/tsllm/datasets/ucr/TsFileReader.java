package io.tsllm.datasets.ucr;

import io.tsllm.spi.DataException;
import io.tsllm.spi.MissingDataFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code .ts} format of the UCR/UEA archive (sktime's): {@code #} comments, {@code @} header fields up to
 * {@code @data}, then one case per line: each dimension's comma-separated values, dimensions separated by
 * {@code :}, the class label last. Every inconsistency is reported with the file, line and dimension.
 */
final class TsFileReader {

  TsFile read(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Map<String, String> header = new LinkedHashMap<>();
      int line = 0;
      String text;
      boolean data = false;
      while (!data && (text = reader.readLine()) != null) {
        line++;
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        if (!trimmed.startsWith("@")) {
          throw new DataException(file, "line " + line, "expected an @ header field or @data before the cases");
        }
        String[] parts = trimmed.substring(1).split("\\s+", 2);
        String key = parts[0].toLowerCase(Locale.ROOT);
        if (key.equals("data")) {
          data = true;
        } else {
          header.put(key, parts.length > 1 ? parts[1].trim() : "");
        }
      }
      if (!data) {
        throw new DataException(file, null, "has no @data line; not a UCR/UEA .ts file");
      }
      if ("true".equalsIgnoreCase(header.get("timestamps"))) {
        throw new DataException(file, null, "uses @timeStamps true, which is not supported; export the series"
            + " without timestamps");
      }
      List<String> classes = classes(file, header);
      int dimensions = dimensions(file, header);
      int declaredLength = declaredLength(file, header);
      List<float[][]> series = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        String[] parts = text.trim().split(":", -1);
        if (dimensions == 0) {
          dimensions = parts.length - 1;
        }
        if (parts.length != dimensions + 1) {
          throw new DataException(file, "line " + line, "has " + (parts.length - 1) + " dimensions and a label,"
              + " expected " + dimensions + " (ragged case)");
        }
        String label = parts[dimensions].trim();
        if (!classes.contains(label)) {
          throw new DataException(file, "line " + line, "has label '" + label + "', not among @classLabel "
              + classes);
        }
        float[][] channels = new float[dimensions][];
        for (int d = 0; d < dimensions; d++) {
          channels[d] = values(file, line, d, parts[d]);
          if (channels[d].length != channels[0].length) {
            throw new DataException(file, "line " + line + ", dimension " + (d + 1), "has " + channels[d].length
                + " values where dimension 1 has " + channels[0].length + " (dimensions of a case must be equally"
                + " long)");
          }
        }
        if (declaredLength > 0 && channels[0].length != declaredLength) {
          throw new DataException(file, "line " + line, "has " + channels[0].length + " values per dimension, but"
              + " the header declares @equalLength true and @seriesLength " + declaredLength);
        }
        series.add(channels);
        labels.add(label);
      }
      if (series.isEmpty()) {
        throw new DataException(file, null, "has no cases after @data");
      }
      return new TsFile(header, classes, dimensions, series, labels);
    } catch (NoSuchFileException e) {
      throw MissingDataFile.of(file, "no such file");
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** The length every case must have under {@code @equalLength true} with a {@code @seriesLength}; 0 otherwise. */
  /** 1 for a univariate file; a multivariate one's @dimensions, or 0 to take them from the first case. */
  private static int dimensions(Path file, Map<String, String> header) {
    if (!"false".equalsIgnoreCase(header.getOrDefault("univariate", "true"))) {
      return 1;
    }
    String field = header.get("dimensions");
    if (field == null) {
      return 0;
    }
    try {
      int dimensions = Integer.parseInt(field.trim());
      if (dimensions >= 1) {
        return dimensions;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataException(file, null, "says @dimensions " + field + "; expected a whole number >= 1");
  }

  private static int declaredLength(Path file, Map<String, String> header) {
    if (!"true".equalsIgnoreCase(header.get("equallength")) || !header.containsKey("serieslength")) {
      return 0;
    }
    try {
      return Integer.parseInt(header.get("serieslength").trim());
    } catch (NumberFormatException e) {
      throw new DataException(file, null, "says @seriesLength " + header.get("serieslength") + "; expected a number");
    }
  }

  private static List<String> classes(Path file, Map<String, String> header) {
    String field = header.get("classlabel");
    if (field == null) {
      throw new DataException(file, null, "has no @classLabel header; classification needs labelled cases");
    }
    String[] parts = field.split("\\s+");
    if (!parts[0].equalsIgnoreCase("true") || parts.length < 2) {
      throw new DataException(file, null, "says @classLabel " + field + "; classification needs '@classLabel true"
          + " <class> <class> ...'");
    }
    return List.copyOf(Arrays.asList(parts).subList(1, parts.length));
  }

  private static float[] values(Path file, int line, int dimension, String text) {
    String[] fields = text.split(",", -1);
    float[] values = new float[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i].trim();
      if (field.equals("?") || field.equalsIgnoreCase("nan")) {
        values[i] = Float.NaN;
        continue;
      }
      try {
        values[i] = Float.parseFloat(field);
      } catch (NumberFormatException e) {
        throw new DataException(file, "line " + line + ", dimension " + (dimension + 1) + ", value " + (i + 1),
            "'" + field + "' is not a number");
      }
      if (Float.isInfinite(values[i])) {
        throw new DataException(file, "line " + line + ", dimension " + (dimension + 1) + ", value " + (i + 1),
            "'" + field + "' is not a finite number");
      }
    }
    return values;
  }
}
