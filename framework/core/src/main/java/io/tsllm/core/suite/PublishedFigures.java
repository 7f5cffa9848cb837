package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The registry of published figures: JSON files (one per paper) listing, per dataset and setting, the values a
 * paper printed and where (table, URL). An average row ({@code "average_of": "horizon"}) is checked against the
 * mean of the rows it averages; where the paper disagrees with itself both values are kept and shown.
 */
public final class PublishedFigures {

  /** Printed averages of 3-decimal values may differ from the mean of the printed rows by rounding, no more. */
  private static final double ROUNDING = 0.001;

  private final List<Figure> figures;

  private PublishedFigures(List<Figure> figures) {
    this.figures = List.copyOf(figures);
  }

  /**
   * One published value.
   *
   * @param setting e.g. {@code input_length: 336, horizon: 96}; an average row holds {@code "avg"} in place of the
   *     averaged setting
   * @param averageOf the setting an average row averages over; null for an ordinary row
   * @param rowsMean for an average row, the mean of the rows it averages, as computed from the registry; else null
   */
  public record Figure(String method, String paper, String url, String task, String dataset,
      Map<String, JsonNode> setting, String averageOf, String metric, double value, String source, String note,
      Double rowsMean) {

    /**
     * Whether this figure is for {@code setting}: each of its setting values equal to ours (as JSON values), the
     * setting an average row averages over aside.
     */
    public boolean appliesTo(Map<String, JsonNode> setting) {
      for (var entry : this.setting.entrySet()) {
        JsonNode ours = setting.get(entry.getKey());
        if (!entry.getKey().equals(averageOf) && (ours == null || !sameValue(entry.getValue(), ours))) {
          return false;
        }
      }
      return true;
    }

    /** Whether the printed average disagrees with the rows it averages by more than rounding. */
    public boolean inconsistent() {
      return rowsMean != null && Math.abs(rowsMean - value) > ROUNDING;
    }
  }

  public List<Figure> all() {
    return figures;
  }

  /** Reads registry files and folders of them ({@code *.json}). */
  public static PublishedFigures read(List<Path> paths, ObjectMapper mapper) {
    List<Figure> figures = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : files(path)) {
        figures.addAll(readFile(file, mapper));
      }
    }
    return new PublishedFigures(withRowMeans(figures));
  }

  /**
   * The figure of {@code method} for this dataset, setting and metric (setting values compared as JSON values), of
   * {@code task} unless it is empty.
   */
  public Optional<Figure> find(String method, String task, String dataset, Map<String, JsonNode> setting,
      String metric) {
    return figures.stream().filter(f -> f.method().equals(method) && (task.isEmpty() || f.task().equals(task))
        && f.dataset().equalsIgnoreCase(dataset) && f.metric().equals(metric) && f.averageOf() == null
        && f.appliesTo(setting)).findFirst();
  }

  /**
   * The average rows of {@code method} for this dataset and metric, of {@code task} unless it is empty, that average
   * over settings like {@code setting} (equal in every other setting).
   */
  public List<Figure> averages(String method, String task, String dataset, Map<String, JsonNode> setting,
      String metric) {
    return figures.stream().filter(f -> f.method().equals(method) && (task.isEmpty() || f.task().equals(task))
        && f.dataset().equalsIgnoreCase(dataset) && f.metric().equals(metric) && f.averageOf() != null
        && f.appliesTo(setting)).toList();
  }

  /** Rows whose printed average disagrees with the mean of the rows it averages. */
  public List<Figure> inconsistencies() {
    return figures.stream().filter(Figure::inconsistent).toList();
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.asDouble() == b.asDouble();
    }
    return a.equals(b);
  }

  private static List<Path> files(Path path) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> entries = Files.list(path)) {
        return entries.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      } catch (IOException e) {
        throw new UserInputException("cannot list the registry folder " + path + ": " + e.getMessage());
      }
    }
    return List.of(path);
  }

  private static List<Figure> readFile(Path file, ObjectMapper mapper) {
    JsonNode root;
    try {
      root = mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UserInputException("registry file " + file + " cannot be read: " + e.getMessage());
    }
    List<Figure> figures = new ArrayList<>();
    JsonNode rows = root.path("figures");
    if (!rows.isArray()) {
      throw new UserInputException("registry file " + file + ": figures: expected a list of published figures");
    }
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String at = "registry file " + file + ": figures[" + i + "]";
      String method = text(row, "method", root.path("method").asText(null), at);
      String dataset = text(row, "dataset", null, at);
      String source = text(row, "source", null, at);
      Map<String, JsonNode> setting = new LinkedHashMap<>();
      row.path("setting").fields().forEachRemaining(e -> setting.put(e.getKey(), e.getValue()));
      String averageOf = row.hasNonNull("average_of") ? row.get("average_of").asText() : null;
      if (averageOf != null && !setting.containsKey(averageOf)) {
        throw new UserInputException(at + ": average_of names \"" + averageOf + "\", which is not in its setting");
      }
      JsonNode metrics = row.path("metrics");
      if (!metrics.isObject() || metrics.isEmpty()) {
        throw new UserInputException(at + ": metrics: expected an object of metric: value");
      }
      var fields = metrics.fields();
      while (fields.hasNext()) {
        var metric = fields.next();
        if (!metric.getValue().isNumber()) {
          throw new UserInputException(at + ": metrics." + metric.getKey() + ": " + metric.getValue()
              + " (expected a number)");
        }
        figures.add(new Figure(method, root.path("paper").asText(""), root.path("url").asText(""),
            row.path("task").asText(root.path("task").asText("")), dataset, setting, averageOf, metric.getKey(),
            metric.getValue().asDouble(), source, row.path("note").asText(""), null));
      }
    }
    return figures;
  }

  private static String text(JsonNode row, String field, String fallback, String at) {
    JsonNode node = row.get(field);
    if (node != null && node.isTextual()) {
      return node.asText();
    }
    if (fallback != null) {
      return fallback;
    }
    throw new UserInputException(at + ": " + field + ": expected a text");
  }

  /** Fills in each average row's mean of the rows it averages (those equal in every other setting). */
  private static List<Figure> withRowMeans(List<Figure> figures) {
    List<Figure> result = new ArrayList<>();
    for (Figure figure : figures) {
      if (figure.averageOf() == null) {
        result.add(figure);
        continue;
      }
      List<Double> values = figures.stream().filter(f -> f.averageOf() == null && f.method().equals(figure.method())
          && f.dataset().equals(figure.dataset()) && f.metric().equals(figure.metric())
          && f.task().equals(figure.task()) && sameExcept(f.setting(), figure.setting(), figure.averageOf()))
          .map(Figure::value).toList();
      Double mean = values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      result.add(new Figure(figure.method(), figure.paper(), figure.url(), figure.task(), figure.dataset(),
          figure.setting(), figure.averageOf(), figure.metric(), figure.value(), figure.source(), figure.note(), mean));
    }
    return result;
  }

  private static boolean sameExcept(Map<String, JsonNode> row, Map<String, JsonNode> average, String except) {
    if (!row.keySet().equals(average.keySet())) {
      return false;
    }
    for (var entry : average.entrySet()) {
      if (!entry.getKey().equals(except) && !sameValue(entry.getValue(), row.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
