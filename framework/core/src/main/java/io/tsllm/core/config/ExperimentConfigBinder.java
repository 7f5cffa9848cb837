package io.tsllm.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.plugin.DiscoveredPlugin;
import io.tsllm.core.plugin.PluginKind;
import io.tsllm.core.plugin.PluginRegistry;
import io.tsllm.spi.PluginConfig;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Binds an experiment file: each plugin section to its plugin's config type, the framework's sections to theirs,
 * then runs every config's own checks. Collects all problems it can find before failing, each with its JSON path.
 */
public final class ExperimentConfigBinder {

  private static final List<String> SECTIONS =
      List.of("name", "seed", "data", "embedder", "backbone", "head", "training", "output");
  private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final long DEFAULT_SEED = 2024;

  private final ObjectMapper mapper;
  private final PluginRegistry registry;
  private final JsonValues values;

  @Inject
  public ExperimentConfigBinder(ObjectMapper mapper, PluginRegistry registry) {
    this.mapper = mapper;
    this.registry = registry;
    this.values = new JsonValues(mapper);
  }

  public ExperimentConfig bind(Path file) {
    return bind(file, ConfigOverrides.none());
  }

  /** Binds the file with command-line changes applied first. */
  public ExperimentConfig bind(Path file, ConfigOverrides overrides) {
    JsonNode root = read(file);
    if (root instanceof ObjectNode object) {
      overrides.apply(object, mapper, file);
    }
    List<ConfigProblem> problems = new ArrayList<>();
    if (root.isMissingNode()) {
      problems.add(new ConfigProblem("(file)", "empty", "a JSON object with sections " + SECTIONS));
      throw new ConfigException(file, problems);
    }
    if (!root.isObject()) {
      problems.add(new ConfigProblem("(top level)", values.show(root), "a JSON object with sections " + SECTIONS));
      throw new ConfigException(file, problems);
    }
    nullsInLists(root, "", problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(file, problems);
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!SECTIONS.contains(name)) {
        problems.add(new ConfigProblem(name, values.show(root.get(name)), "one of the sections " + SECTIONS));
      }
    }
    String name = bindName(file, root.get("name"), problems);
    long seed = bindSeed(root.get("seed"), problems);
    PluginSection data = bindPlugin(PluginKind.DATASET, root.get("data"), problems);
    PluginSection embedder = bindPlugin(PluginKind.EMBEDDER, root.get("embedder"), problems);
    PluginSection backbone = bindPlugin(PluginKind.BACKBONE, root.get("backbone"), problems);
    PluginSection head = bindPlugin(PluginKind.HEAD, root.get("head"), problems);
    TrainingConfig training = bindOptional("training", root.get("training"), TrainingConfig.class, problems)
        .orElse(TrainingConfig.defaults());
    OutputConfig output =
        bindOptional("output", root.get("output"), OutputConfig.class, problems).orElse(OutputConfig.defaults());
    if (!problems.isEmpty()) {
      throw new ConfigException(file, problems);
    }
    Path baseFolder = file.toAbsolutePath().getParent();
    return new ExperimentConfig(file, baseFolder, name, seed, data, embedder, backbone, head, training, output);
  }

  private JsonNode read(Path file) {
    return ConfigFiles.readTree(mapper, file, "experiment file");
  }


  /** A null inside a list is never a value a config can use; each is named by its path. */
  private static void nullsInLists(JsonNode node, String path, List<ConfigProblem> problems) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String item = path + "[" + i + "]";
        if (node.get(i).isNull()) {
          problems.add(new ConfigProblem(item, "null", "a value (a list holds no nulls)"));
        } else {
          nullsInLists(node.get(i), item, problems);
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        nullsInLists(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), problems);
      }
    }
  }

  private String bindName(Path file, JsonNode node, List<ConfigProblem> problems) {
    if (node == null || node.isNull()) {
      String fileName = file.getFileName().toString();
      String stem = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
      return RUN_NAME.matcher(stem).matches() ? stem : "experiment";
    }
    if (!node.isTextual() || !RUN_NAME.matcher(node.asText()).matches()) {
      problems.add(new ConfigProblem("name", values.show(node), "a string of letters, digits, '.', '_' or '-'"));
      return null;
    }
    return node.asText();
  }

  private long bindSeed(JsonNode node, List<ConfigProblem> problems) {
    if (node == null || node.isNull()) {
      return DEFAULT_SEED;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      problems.add(new ConfigProblem("seed", values.show(node), "an integer"));
      return DEFAULT_SEED;
    }
    return node.asLong();
  }

  private PluginSection bindPlugin(PluginKind kind, JsonNode node, List<ConfigProblem> problems) {
    String section = kind.section();
    List<String> available = registry.names(kind);
    String expectedType = "one of the " + section + " plugins " + available;
    if (node == null || node.isNull()) {
      problems.add(new ConfigProblem(section, null, "an object {\"type\": ...} with type " + expectedType));
      return null;
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem(section, values.show(node), "an object {\"type\": ...} with type "
          + expectedType));
      return null;
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      problems.add(new ConfigProblem(section + ".type", type == null ? null : values.show(type), expectedType));
      return null;
    }
    Optional<DiscoveredPlugin> plugin = registry.find(kind, type.asText());
    if (plugin.isEmpty()) {
      problems.add(new ConfigProblem(section + ".type", values.show(type), expectedType));
      return null;
    }
    ObjectNode fields = ((ObjectNode) node).deepCopy();
    fields.remove("type");
    PluginConfig config = bindObject(section, fields, plugin.get().plugin().configType(), problems);
    return config == null ? null : new PluginSection(plugin.get(), config);
  }

  private <C extends PluginConfig> Optional<C> bindOptional(
      String section, JsonNode node, Class<C> type, List<ConfigProblem> problems) {
    if (node == null || node.isNull()) {
      node = mapper.createObjectNode();
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem(section, values.show(node), "an object"));
      return Optional.empty();
    }
    return Optional.ofNullable(bindObject(section, node, type, problems));
  }

  /**
   * Binds a section; a field Jackson cannot bind (unknown, or of the wrong type) is reported and left out, and the
   * rest is bound again, so that one mistyped field does not hide the section's other problems.
   */
  private <C extends PluginConfig> C bindObject(
      String section, JsonNode node, Class<C> type, List<ConfigProblem> problems) {
    ObjectNode remaining = ((ObjectNode) node).deepCopy();
    java.util.Set<String> reported = new java.util.HashSet<>();
    while (true) {
      C config;
      try {
        config = mapper.treeToValue(remaining, type);
      } catch (UnrecognizedPropertyException e) {
        String path = section + pathOf(e);
        problems.add(new ConfigProblem(path, values.show(remaining.at(pointerOf(e))),
            "one of the fields " + sorted(e.getKnownPropertyIds())));
        if (!leaveOut(remaining, e, reported)) {
          return null;
        }
        continue;
      } catch (MismatchedInputException e) {
        String pointer = pointerOf(e);
        problems.add(new ConfigProblem(section + pathOf(e), values.show(remaining.at(pointer)),
            describe(e.getTargetType())));
        if (!leaveOut(remaining, e, reported)) {
          return null;
        }
        continue;
      } catch (JsonProcessingException e) {
        problems.add(new ConfigProblem(section, null, e.getOriginalMessage()));
        return null;
      }
      int before = problems.size();
      // The section's own checks, less what was already reported about a field left out.
      config.validate((field, value, expected) -> {
        if (!reported.contains(field.split("[.\\[]")[0])) {
          new SectionProblems(section, problems).reject(field, value, expected);
        }
      });
      return problems.size() == before && reported.isEmpty() ? config : null;
    }
  }

  /** Leaves out the section's field that {@code e} is about; false when there is none left to leave out. */
  private static boolean leaveOut(ObjectNode section, JsonMappingException e, java.util.Set<String> reported) {
    if (e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null) {
      return false;
    }
    String field = e.getPath().get(0).getFieldName();
    reported.add(field);
    return section.remove(field) != null;
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String pointerOf(JsonMappingException e) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
    }
    return pointer.toString();
  }

  private String describe(Class<?> type) {
    if (type == null) {
      return "a value of the documented type";
    }
    if (type.isEnum()) {
      List<String> names = new java.util.ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(mapper.convertValue(constant, String.class));
      }
      return "one of " + names;
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || PluginConfig.class.isAssignableFrom(type)) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  private static List<String> sorted(Collection<Object> ids) {
    TreeSet<String> names = new TreeSet<>();
    ids.forEach(id -> names.add(String.valueOf(id)));
    return List.copyOf(names);
  }
}
