package io.tsllm.datasets.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.spi.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** NAB's labels file ({@code combined_windows.json}): per series key, anomaly windows {@code [start, end]}. */
final class NabLabels {

  private NabLabels() {}

  /**
   * Labels each timestamp 1 when it lies in one of the series' windows (ends included), 0 otherwise.
   *
   * @param key the series' key, or null for the one key ending in the series file's name
   */
  static float[] label(Path labelsFile, String key, Path series, List<LocalDateTime> timestamps) {
    JsonNode root = read(labelsFile);
    String fileName = series.getFileName().toString();
    String chosen = key;
    if (chosen == null) {
      List<String> matches = new ArrayList<>();
      root.fieldNames().forEachRemaining(k -> {
        if (k.equals(fileName) || k.endsWith("/" + fileName)) {
          matches.add(k);
        }
      });
      if (matches.size() != 1) {
        throw new DataException(labelsFile, null, (matches.isEmpty() ? "has no windows for " + fileName
            : "has several keys for " + fileName + ": " + matches) + "; name the series with data.labels_key");
      }
      chosen = matches.get(0);
    }
    JsonNode windows = root.get(chosen);
    if (windows == null) {
      throw new DataException(labelsFile, null, "has no key '" + chosen + "' (data.labels_key)");
    }
    if (!windows.isArray()) {
      throw new DataException(labelsFile, "key '" + chosen + "'", "is not a list of [start, end] windows");
    }
    float[] labels = new float[timestamps.size()];
    for (int w = 0; w < windows.size(); w++) {
      JsonNode window = windows.get(w);
      String where = "key '" + chosen + "', window " + w;
      if (!window.isArray() || window.size() != 2) {
        throw new DataException(labelsFile, where, "is " + window + ", expected [start, end]");
      }
      LocalDateTime start = NumericRows.timestamp(window.get(0).asText());
      LocalDateTime end = NumericRows.timestamp(window.get(1).asText());
      if (start == null || end == null || end.isBefore(start)) {
        throw new DataException(labelsFile, where, "is " + window + ", expected two timestamps, start before end");
      }
      for (int i = 0; i < labels.length; i++) {
        LocalDateTime t = timestamps.get(i);
        if (!t.isBefore(start) && !t.isAfter(end)) {
          labels[i] = 1;
        }
      }
    }
    return labels;
  }

  private static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file, null, "does not exist (data.labels)");
    }
    try {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new DataException(file, null, "is not a JSON object of series keys to anomaly windows");
      }
      return root;
    } catch (IOException e) {
      throw new DataException(file, null, "is not valid JSON: " + e.getMessage());
    }
  }
}
