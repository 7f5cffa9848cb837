package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigException;
import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.config.ExperimentConfigBinder;
import io.tsllm.core.config.ResolvedConfig;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import io.tsllm.spi.DataException;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a suite into its cells (experiments × arms × axis values × seeds) and checks every cell before any runs:
 * each cell's experiment is bound with its changes, and each distinct model is prepared once (data read, graph
 * built), so that all problems of all cells are reported together.
 */
public final class SuitePlanner {

  private final ExperimentConfigBinder binder;
  private final ExperimentPreparer preparer;
  private final ObjectMapper mapper;

  @Inject
  public SuitePlanner(ExperimentConfigBinder binder, ExperimentPreparer preparer, ObjectMapper mapper) {
    this.binder = binder;
    this.preparer = preparer;
    this.mapper = mapper;
  }

  /** The grid, in a stable order: experiments, then arms, then axis values (the first axis slowest), then seeds. */
  public SuitePlan expand(SuiteDefinition suite, List<String> overrides) {
    for (String override : overrides) {
      if (override.indexOf('=') <= 0) {
        throw new UserInputException("--set: \"" + override + "\" (expected path.to.field=value)");
      }
    }
    List<SuiteCell> cells = new ArrayList<>();
    for (var experiment : suite.experiments().entrySet()) {
      for (SuiteDefinition.Arm arm : suite.arms()) {
        for (Map<String, JsonNode> settings : settings(suite.axes())) {
          for (long seed : suite.seedsFor(settings)) {
            List<String> changes = new ArrayList<>();
            suite.common().forEach((path, value) -> changes.add(path + "=" + value));
            arm.set().forEach((path, value) -> changes.add(path + "=" + value));
            settings.forEach((path, value) -> changes.add(path + "=" + value));
            changes.addAll(overrides);
            String id = id(experiment.getKey(), arm.name(), settings, seed);
            changes.add("seed=" + seed);
            changes.add("name=\"" + id + "\"");
            cells.add(new SuiteCell(id, experiment.getKey(), experiment.getValue(), arm.name(), settings, seed,
                changes));
          }
        }
      }
    }
    return new SuitePlan(suite, cells, overrides);
  }

  /**
   * Binds every cell and prepares each distinct model once.
   *
   * @throws SuiteException listing every problem found, each with its cell and JSON path
   */
  public void validate(SuitePlan plan) {
    validate(plan, cell -> true);
  }

  /** As {@link #validate(SuitePlan)}, preparing only the models of the cells {@code runs} accepts. */
  public void validate(SuitePlan plan, java.util.function.Predicate<SuiteCell> runs) {
    List<String> problems = new ArrayList<>();
    Map<JsonNode, SuiteCell> models = bind(plan, problems, runs);
    for (SuiteCell cell : models.values()) {
      try (PreparedExperiment prepared = preparer.prepare(cell.experimentFile(), overrides(cell))) {
        // read and built: nothing more to check
      } catch (UserInputException | DataException e) {
        problems.add("cell " + cell.id() + " (and the cells with the same model): " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new SuiteException(plan.definition().file(), problems);
    }
  }

  /**
   * Binds every cell's experiment with its changes, without reading data or weights (what can be checked of a
   * full-size suite on a machine that lacks them).
   *
   * @throws SuiteException listing every problem found
   */
  public void bindAll(SuitePlan plan) {
    List<String> problems = new ArrayList<>();
    bind(plan, problems, cell -> true);
    if (!problems.isEmpty()) {
      throw new SuiteException(plan.definition().file(), problems);
    }
  }

  /**
   * Binds each cell, adding its problems; returns one cell per distinct model (the experiment without its seed and
   * training) among the cells {@code prepared} accepts, the cells worth preparing.
   */
  private Map<JsonNode, SuiteCell> bind(SuitePlan plan, List<String> problems,
      java.util.function.Predicate<SuiteCell> prepared) {
    Map<JsonNode, String> seen = new HashMap<>();
    Map<JsonNode, SuiteCell> models = new LinkedHashMap<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (SuiteCell cell : plan.cells()) {
      if (!ids.add(cell.id())) {
        problems.add("cell " + cell.id() + ": two cells get this name (their axis values differ only in characters"
            + " a folder name cannot hold); make the values differ in letters or digits");
      }
      ObjectNode resolved;
      try {
        resolved = ResolvedConfig.toJson(mapper, binder.bind(cell.experimentFile(), overrides(cell)));
      } catch (ConfigException e) {
        e.problems().forEach(p -> problems.add("cell " + cell.id() + ": " + p));
        continue;
      } catch (UserInputException e) {
        problems.add("cell " + cell.id() + ": " + e.getMessage());
        continue;
      }
      resolved.remove("name");
      String twin = seen.putIfAbsent(resolved, cell.id());
      if (twin != null) {
        problems.add("cell " + cell.id() + ": the same experiment as cell " + twin
            + " (its arm and axis values change nothing that cell does not; remove one)");
      }
      problems.addAll(settingProblems(plan.definition(), cell, resolved));
      ObjectNode model = resolved.deepCopy();
      model.remove("seed");
      model.remove("training");
      model.remove("output");
      if (prepared.test(cell)) {
        models.putIfAbsent(model, cell);
      }
    }
    return models;
  }

  public static ConfigOverrides overrides(SuiteCell cell) {
    return new ConfigOverrides(cell.changes());
  }

  /** Each setting the comparison reads must be a field of the cell's resolved experiment. */
  private static List<String> settingProblems(SuiteDefinition suite, SuiteCell cell, JsonNode resolved) {
    List<String> problems = new ArrayList<>();
    if (suite.compare() == null) {
      return problems;
    }
    suite.compare().settings().forEach((setting, path) -> {
      if (resolved.at("/" + path.replace('.', '/')).isMissingNode()) {
        problems.add("cell " + cell.id() + ": compare.settings." + setting + ": \"" + path + "\" (expected a field"
            + " of the cell's experiment)");
      }
    });
    return problems;
  }

  private static List<Map<String, JsonNode>> settings(List<SuiteDefinition.Axis> axes) {
    List<Map<String, JsonNode>> grid = new ArrayList<>();
    grid.add(new LinkedHashMap<>());
    for (SuiteDefinition.Axis axis : axes) {
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> partial : grid) {
        for (JsonNode value : axis.values()) {
          Map<String, JsonNode> settings = new LinkedHashMap<>(partial);
          settings.put(axis.path(), value);
          next.add(settings);
        }
      }
      grid = next;
    }
    return grid;
  }

  /** {@code etth1.identity.horizon-96.seed-1}: readable, and a valid folder and run name. */
  static String id(String experiment, String arm, Map<String, JsonNode> settings, long seed) {
    StringBuilder id = new StringBuilder(experiment).append('.').append(arm);
    settings.forEach((path, value) -> id.append('.').append(SuiteDefinition.Axis.labelOf(path)).append('-')
        .append(valueLabel(value)));
    return id.append(".seed-").append(seed).toString();
  }

  private static String valueLabel(JsonNode value) {
    if (value.isValueNode()) {
      String text = value.isTextual() ? value.asText() : value.toString();
      String safe = text.replaceAll("[^A-Za-z0-9._-]", "_");
      if (!safe.isEmpty() && safe.length() <= 40) {
        return safe;
      }
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
