package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of a suite's grid: a base experiment with an arm, one value per axis and a seed; it runs as an ordinary
 * run in {@code cells/<id>/} of the suite folder.
 *
 * @param settings each axis's path and this cell's value, in the suite's axis order
 * @param changes every change made to the base experiment, in the order applied ({@code path=json})
 */
public record SuiteCell(
    String id, String experiment, Path experimentFile, String arm, Map<String, JsonNode> settings, long seed,
    List<String> changes) {

  public SuiteCell {
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    changes = List.copyOf(changes);
  }

  /** The cell's setting without arm and seed, e.g. {@code etth1 horizon=96}: what arms and seeds are compared over. */
  public String settingLabel() {
    StringBuilder label = new StringBuilder(experiment);
    settings.forEach((path, value) -> label.append(' ').append(SuiteDefinition.Axis.labelOf(path))
        .append('=').append(value.isTextual() ? value.asText() : value.toString()));
    return label.toString();
  }
}
