package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.config.ConfigException;
import io.tsllm.core.config.ConfigFiles;
import io.tsllm.core.config.ConfigProblem;
import io.tsllm.core.config.JsonValues;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a suite file, checking its own structure (the cells' experiment changes are checked by binding each cell,
 * see {@link SuitePlanner}); every problem is collected, each with its JSON path, before failing.
 */
public final class SuiteFileReader {

  private static final List<String> FIELDS = List.of("name", "description", "experiments", "set", "arms",
      "reference_arm", "axes", "seeds", "extra_seeds", "metrics", "compare");
  private static final List<String> ARM_FIELDS = List.of("set", "paper_setup", "note", "method");
  private static final List<String> COMPARE_FIELDS =
      List.of("published", "method", "task", "datasets", "settings", "tolerance", "seed_sigmas", "metric_suffix");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final double DEFAULT_SEED_SIGMAS = 2;
  private static final double DEFAULT_TOLERANCE = 0.05;

  private final ObjectMapper mapper;
  private final JsonValues values;

  @Inject
  public SuiteFileReader(ObjectMapper mapper) {
    this.mapper = mapper;
    this.values = new JsonValues(mapper);
  }

  public SuiteDefinition read(Path file) {
    return read(parse(file), file);
  }

  /** A suite from its JSON, relative paths starting at {@code file}'s folder (a suite folder's recorded plan). */
  public SuiteDefinition read(JsonNode root, Path file) {
    Path folder = file.toAbsolutePath().getParent();
    List<ConfigProblem> problems = new ArrayList<>();
    if (!root.isObject()) {
      throw new ConfigException(file, List.of(new ConfigProblem("(top level)", show(root),
          "a JSON object with " + FIELDS)));
    }
    root.fieldNames().forEachRemaining(field -> {
      if (!FIELDS.contains(field)) {
        problems.add(new ConfigProblem(field, show(root.get(field)), "one of the fields " + FIELDS));
      }
    });
    String name = name(root.get("name"), "name", problems);
    String description = root.path("description").asText("");
    Map<String, Path> experiments = experiments(root.get("experiments"), folder, problems);
    Map<String, JsonNode> common = changes(root.get("set"), "set", problems);
    List<SuiteDefinition.Arm> arms = arms(root.get("arms"), problems);
    String reference = arms.isEmpty() ? null : arms.get(0).name();
    JsonNode referenceNode = root.get("reference_arm");
    if (referenceNode != null) {
      if (!referenceNode.isTextual() || arms.stream().noneMatch(a -> a.name().equals(referenceNode.asText()))) {
        problems.add(new ConfigProblem("reference_arm", show(referenceNode),
            "one of the arms " + arms.stream().map(SuiteDefinition.Arm::name).toList()));
      } else {
        reference = referenceNode.asText();
      }
    }
    List<SuiteDefinition.Axis> axes = axes(root.get("axes"), problems);
    List<Long> seeds = seeds(root.get("seeds"), problems);
    List<SuiteDefinition.ExtraSeeds> extraSeeds = extraSeeds(root.get("extra_seeds"), axes, problems);
    List<String> metrics = strings(root.get("metrics"), "metrics", problems);
    SuiteDefinition.Comparison compare = compare(root.get("compare"), folder, experiments, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(file, problems);
    }
    return new SuiteDefinition(file.toAbsolutePath(), name, description, experiments, common, arms, reference, axes,
        seeds, extraSeeds, metrics, compare);
  }

  /** The suite file's JSON, or a problem naming the line and column where it is not JSON. */
  public JsonNode parse(Path file) {
    JsonNode root = ConfigFiles.readTree(mapper, file, "suite file");
    if (root.isMissingNode()) {
      throw new ConfigException(file, List.of(new ConfigProblem("(file)", "empty", "a suite: a JSON object")));
    }
    return root;
  }


  private String name(JsonNode node, String path, List<ConfigProblem> problems) {
    if (node == null || !node.isTextual() || !NAME.matcher(node.asText()).matches()) {
      problems.add(new ConfigProblem(path, node == null ? null : show(node),
          "a name of letters, digits, '.', '_' and '-'"));
      return "suite";
    }
    return node.asText();
  }

  private Map<String, Path> experiments(JsonNode node, Path folder, List<ConfigProblem> problems) {
    Map<String, Path> experiments = new LinkedHashMap<>();
    if (node == null || !node.isObject() || node.isEmpty()) {
      problems.add(new ConfigProblem("experiments", node == null ? null : show(node),
          "an object of label: experiment file, e.g. {\"etth1\": \"quickstart.json\"}"));
      return experiments;
    }
    node.fields().forEachRemaining(entry -> {
      String path = "experiments." + entry.getKey();
      if (!NAME.matcher(entry.getKey()).matches()) {
        problems.add(new ConfigProblem(path, quote(entry.getKey()), "a label of letters, digits, '.', '_', '-'"));
      } else if (!entry.getValue().isTextual()) {
        problems.add(new ConfigProblem(path, show(entry.getValue()), "the experiment file's path"));
      } else {
        Path file = folder.resolve(entry.getValue().asText()).normalize();
        if (!Files.isRegularFile(file)) {
          problems.add(new ConfigProblem(path, show(entry.getValue()), "an existing experiment file (" + file
              + " is not one)"));
        }
        experiments.put(entry.getKey(), file);
      }
    });
    return experiments;
  }

  /** {@code {"path.to.field": value, "section": {...}}}: changes to the experiment, as {@code --set} makes them. */
  private Map<String, JsonNode> changes(JsonNode node, String path, List<ConfigProblem> problems) {
    Map<String, JsonNode> changes = new LinkedHashMap<>();
    if (node == null) {
      return changes;
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem(path, show(node), "an object of config path: value"));
      return changes;
    }
    node.fields().forEachRemaining(entry -> {
      if (!validPath(entry.getKey())) {
        problems.add(new ConfigProblem(path + "." + quote(entry.getKey()), show(entry.getValue()),
            "a config path such as training.epochs"));
      } else {
        changes.put(entry.getKey(), entry.getValue());
      }
    });
    return changes;
  }

  private List<SuiteDefinition.Arm> arms(JsonNode node, List<ConfigProblem> problems) {
    List<SuiteDefinition.Arm> arms = new ArrayList<>();
    if (node == null) {
      arms.add(new SuiteDefinition.Arm("base", Map.of(), true, ""));
      return arms;
    }
    if (!node.isObject() || node.isEmpty()) {
      problems.add(new ConfigProblem("arms", show(node), "an object of arm name: {\"set\": {...}}, at least one"));
      return arms;
    }
    node.fields().forEachRemaining(entry -> {
      String path = "arms." + entry.getKey();
      JsonNode arm = entry.getValue();
      if (!NAME.matcher(entry.getKey()).matches()) {
        problems.add(new ConfigProblem(path, quote(entry.getKey()), "an arm name of letters, digits, '.', '_', '-'"));
        return;
      }
      if (!arm.isObject()) {
        problems.add(new ConfigProblem(path, show(arm), "an object with " + ARM_FIELDS));
        return;
      }
      arm.fieldNames().forEachRemaining(field -> {
        if (!ARM_FIELDS.contains(field)) {
          problems.add(new ConfigProblem(path + "." + field, show(arm.get(field)), "one of " + ARM_FIELDS));
        }
      });
      JsonNode paper = arm.get("paper_setup");
      if (paper != null && !paper.isBoolean()) {
        problems.add(new ConfigProblem(path + ".paper_setup", show(paper), "true or false"));
      }
      JsonNode note = arm.get("note");
      if (note != null && !note.isTextual()) {
        problems.add(new ConfigProblem(path + ".note", show(note), "a text"));
      }
      JsonNode method = arm.get("method");
      if (method != null && !method.isTextual()) {
        problems.add(new ConfigProblem(path + ".method", show(method), "the registry's method name, e.g. "
            + "\"PatchTST/64\""));
      }
      arms.add(new SuiteDefinition.Arm(entry.getKey(), changes(arm.get("set"), path + ".set", problems),
          paper == null || paper.asBoolean(true), note == null ? "" : note.asText(),
          method == null ? "" : method.asText()));
    });
    return arms;
  }

  private List<SuiteDefinition.Axis> axes(JsonNode node, List<ConfigProblem> problems) {
    List<SuiteDefinition.Axis> axes = new ArrayList<>();
    if (node == null) {
      return axes;
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem("axes", show(node), "an object of config path: [values]"));
      return axes;
    }
    Set<String> labels = new HashSet<>();
    node.fields().forEachRemaining(entry -> {
      String path = "axes." + quote(entry.getKey());
      JsonNode values = entry.getValue();
      if (!validPath(entry.getKey())) {
        problems.add(new ConfigProblem(path, show(values), "a config path such as data.horizon"));
      } else if (!values.isArray() || values.isEmpty()) {
        problems.add(new ConfigProblem(path, show(values), "a non-empty list of the values the path takes"));
      } else {
        List<JsonNode> list = new ArrayList<>();
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
          if (!seen.add(values.get(i))) {
            problems.add(new ConfigProblem(path + "[" + i + "]", show(values.get(i)),
                "each value once (it would make duplicate cells)"));
          }
          list.add(values.get(i));
        }
        SuiteDefinition.Axis axis = new SuiteDefinition.Axis(entry.getKey(), list);
        if (!labels.add(axis.label())) {
          problems.add(new ConfigProblem(path, show(values), "axes whose last path fields differ (cells are named"
              + " by them)"));
        }
        axes.add(axis);
      }
    });
    return axes;
  }

  private List<SuiteDefinition.ExtraSeeds> extraSeeds(JsonNode node, List<SuiteDefinition.Axis> axes,
      List<ConfigProblem> problems) {
    List<SuiteDefinition.ExtraSeeds> extras = new ArrayList<>();
    if (node == null) {
      return extras;
    }
    if (!node.isArray()) {
      problems.add(new ConfigProblem("extra_seeds", show(node),
          "a list of {\"when\": {\"axis.path\": value}, \"seeds\": [...]}"));
      return extras;
    }
    for (int i = 0; i < node.size(); i++) {
      String path = "extra_seeds[" + i + "]";
      JsonNode extra = node.get(i);
      JsonNode when = extra.get("when");
      if (when == null || !when.isObject() || when.isEmpty()) {
        problems.add(new ConfigProblem(path + ".when", when == null ? null : show(when),
            "an object of axis path: the value it takes"));
        continue;
      }
      Map<String, JsonNode> conditions = new LinkedHashMap<>();
      when.fields().forEachRemaining(e -> {
        var axis = axes.stream().filter(a -> a.path().equals(e.getKey())).findFirst();
        if (axis.isEmpty() || !axis.get().values().contains(e.getValue())) {
          problems.add(new ConfigProblem(path + ".when." + quote(e.getKey()), show(e.getValue()),
              "an axis of this suite and one of its values"));
        }
        conditions.put(e.getKey(), e.getValue());
      });
      List<ConfigProblem> seedProblems = new ArrayList<>();
      List<Long> seeds = seeds(extra.get("seeds"), seedProblems);
      seedProblems.forEach(p -> problems.add(new ConfigProblem(path + "." + p.path(), p.value(), p.expected())));
      extras.add(new SuiteDefinition.ExtraSeeds(conditions, seeds));
    }
    return extras;
  }

  private List<Long> seeds(JsonNode node, List<ConfigProblem> problems) {
    List<Long> seeds = new ArrayList<>();
    if (node == null || !node.isArray() || node.isEmpty()) {
      problems.add(new ConfigProblem("seeds", node == null ? null : show(node),
          "a non-empty list of integer seeds, e.g. [1, 2, 3]"));
      return seeds;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode seed = node.get(i);
      if (!seed.canConvertToLong() || !seed.isIntegralNumber()) {
        problems.add(new ConfigProblem("seeds[" + i + "]", show(seed), "an integer"));
      } else if (seeds.contains(seed.asLong())) {
        problems.add(new ConfigProblem("seeds[" + i + "]", show(seed), "each seed once (duplicate cells)"));
      } else {
        seeds.add(seed.asLong());
      }
    }
    return seeds;
  }

  private List<String> strings(JsonNode node, String path, List<ConfigProblem> problems) {
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (!node.isArray()) {
      problems.add(new ConfigProblem(path, show(node), "a list of names"));
      return values;
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        problems.add(new ConfigProblem(path + "[" + i + "]", show(node.get(i)), "a name"));
      } else {
        values.add(node.get(i).asText());
      }
    }
    return values;
  }

  private SuiteDefinition.Comparison compare(JsonNode node, Path folder, Map<String, Path> experiments,
      List<ConfigProblem> problems) {
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem("compare", show(node), "an object with " + COMPARE_FIELDS));
      return null;
    }
    node.fieldNames().forEachRemaining(field -> {
      if (!COMPARE_FIELDS.contains(field)) {
        problems.add(new ConfigProblem("compare." + field, show(node.get(field)), "one of " + COMPARE_FIELDS));
      }
    });
    List<Path> published = new ArrayList<>();
    List<String> files = strings(node.get("published"), "compare.published", problems);
    if (files.isEmpty()) {
      problems.add(new ConfigProblem("compare.published", show(node.get("published")),
          "a list of registry files or folders, e.g. [\"../experiments/published\"]"));
    }
    for (int i = 0; i < files.size(); i++) {
      Path path = folder.resolve(files.get(i)).normalize();
      if (!Files.exists(path)) {
        problems.add(new ConfigProblem("compare.published[" + i + "]", quote(files.get(i)),
            "an existing registry file or folder (" + path + " is not)"));
      }
      published.add(path);
    }
    JsonNode method = node.get("method");
    if (method == null || !method.isTextual()) {
      problems.add(new ConfigProblem("compare.method", method == null ? null : show(method),
          "the registry's method name, e.g. \"GPT4TS\""));
    }
    JsonNode task = node.get("task");
    if (task != null && !task.isTextual()) {
      problems.add(new ConfigProblem("compare.task", show(task), "the registry's task, e.g. \"magnitude estimation\""));
    }
    Map<String, String> datasets = textMap(node.get("datasets"), "compare.datasets", problems);
    datasets.keySet().stream().filter(label -> !experiments.containsKey(label)).forEach(label ->
        problems.add(new ConfigProblem("compare.datasets." + label, quote(datasets.get(label)),
            "a label of experiments " + experiments.keySet())));
    Map<String, String> settings = textMap(node.get("settings"), "compare.settings", problems);
    settings.forEach((setting, path) -> {
      if (!validPath(path)) {
        problems.add(new ConfigProblem("compare.settings." + setting, quote(path), "a config path"));
      }
    });
    double tolerance = DEFAULT_TOLERANCE;
    JsonNode toleranceNode = node.get("tolerance");
    if (toleranceNode != null) {
      if (!toleranceNode.isNumber() || toleranceNode.asDouble() <= 0 || toleranceNode.asDouble() >= 1) {
        problems.add(new ConfigProblem("compare.tolerance", show(toleranceNode),
            "a relative difference in (0, 1), e.g. 0.05 for 5%"));
      } else {
        tolerance = toleranceNode.asDouble();
      }
    }
    double seedSigmas = DEFAULT_SEED_SIGMAS;
    JsonNode sigmas = node.get("seed_sigmas");
    if (sigmas != null) {
      if (!sigmas.isNumber() || sigmas.asDouble() < 0) {
        problems.add(new ConfigProblem("compare.seed_sigmas", show(sigmas), "a number >= 0, e.g. 2"));
      } else {
        seedSigmas = sigmas.asDouble();
      }
    }
    JsonNode suffix = node.get("metric_suffix");
    if (suffix != null && !suffix.isTextual()) {
      problems.add(new ConfigProblem("compare.metric_suffix", show(suffix), "a text such as \"_drop_last\""));
    }
    return new SuiteDefinition.Comparison(published, method == null ? "" : method.asText(),
        task == null ? "" : task.asText(), datasets, settings, tolerance, seedSigmas,
        suffix == null ? "" : suffix.asText());
  }

  private Map<String, String> textMap(JsonNode node, String path, List<ConfigProblem> problems) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null) {
      return map;
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem(path, show(node), "an object of name: text"));
      return map;
    }
    node.fields().forEachRemaining(entry -> {
      if (!entry.getValue().isTextual()) {
        problems.add(new ConfigProblem(path + "." + entry.getKey(), show(entry.getValue()), "a text"));
      } else {
        map.put(entry.getKey(), entry.getValue().asText());
      }
    });
    return map;
  }

  private static boolean validPath(String path) {
    return path.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }

  private String show(JsonNode node) {
    return node == null ? null : values.show(node);
  }

}
