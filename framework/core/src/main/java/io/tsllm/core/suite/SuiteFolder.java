package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.UserInputException;
import io.tsllm.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite's folder: {@code suite.json} (the suite as planned: its file, the {@code --set} changes and every cell's
 * changes), {@code cells/<id>/} (one ordinary run folder per cell), {@code failed/} (earlier attempts of cells
 * retried with {@code --retry-failed}), {@code outcomes.json} (each cell's last outcome) and the report files.
 */
public final class SuiteFolder {

  public static final String PLAN = "suite.json";
  public static final String OUTCOMES = "outcomes.json";
  public static final String CELLS = "cells";
  public static final String FAILED = "failed";

  private final Path path;
  private final ObjectMapper mapper;

  public SuiteFolder(Path path, ObjectMapper mapper) {
    this.path = path.toAbsolutePath().normalize();
    this.mapper = mapper;
  }

  public Path path() {
    return path;
  }

  public Path cell(String id) {
    return path.resolve(CELLS).resolve(id);
  }

  /** Where an earlier, failed attempt of a cell is kept when the cell is run again. */
  public Path failedAttempt(String id) {
    for (int attempt = 1; ; attempt++) {
      Path candidate = path.resolve(FAILED).resolve(id + "-" + attempt);
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
  }

  /**
   * Records the plan on the first start; on later starts, refuses a plan whose cells were started with other
   * changes (a suite file or {@code --set} edited in between), since resuming them would mix two experiments.
   */
  public void recordPlan(SuitePlan plan, JsonNode suiteJson) {
    Path file = path.resolve(PLAN);
    ObjectNode record = mapper.createObjectNode();
    record.put("file", plan.definition().file().toString());
    record.set("suite", suiteJson);
    record.set("overrides", mapper.valueToTree(plan.overrides()));
    ArrayNode cells = record.putArray("cells");
    for (SuiteCell cell : plan.cells()) {
      ObjectNode node = cells.addObject();
      node.put("id", cell.id());
      node.set("changes", mapper.valueToTree(cell.changes()));
    }
    try {
      if (Files.isRegularFile(file)) {
        JsonNode earlier = mapper.readTree(file.toFile());
        Map<String, JsonNode> started = new LinkedHashMap<>();
        earlier.path("cells").forEach(c -> started.put(c.path("id").asText(), c.path("changes")));
        for (SuiteCell cell : plan.cells()) {
          JsonNode before = started.get(cell.id());
          if (before != null && !before.equals(mapper.valueToTree(cell.changes())) && Files.exists(cell(cell.id()))) {
            throw new UserInputException("cell " + cell.id() + " in " + path + " was started with other changes ("
                + before + ", now " + mapper.valueToTree(cell.changes()) + "): the suite file or --set changed since;"
                + " give this suite another --output-dir, or delete " + cell(cell.id()) + " to start that cell"
                + " again");
          }
        }
      }
      Files.createDirectories(path.resolve(CELLS));
      AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the suite plan in " + file, e);
    }
  }

  /** The plan recorded by {@link #recordPlan}: the suite file's path and JSON, and the {@code --set} changes. */
  public RecordedPlan readPlan() {
    Path file = path.resolve(PLAN);
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(path + " is not a suite folder (no " + PLAN + ")");
    }
    try {
      JsonNode record = mapper.readTree(file.toFile());
      List<String> overrides = mapper.convertValue(record.path("overrides"),
          mapper.getTypeFactory().constructCollectionType(List.class, String.class));
      return new RecordedPlan(Path.of(record.path("file").asText()), record.path("suite"), overrides);
    } catch (IOException e) {
      throw new UserInputException(file + " cannot be read: " + e.getMessage());
    }
  }

  /** The suite as recorded in its folder. */
  public record RecordedPlan(Path file, JsonNode suite, List<String> overrides) {}

  /** Each cell's latest outcome, by cell id. */
  public synchronized Map<String, CellOutcome> outcomes() {
    Path file = path.resolve(OUTCOMES);
    Map<String, CellOutcome> outcomes = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return outcomes;
    }
    try {
      for (JsonNode node : mapper.readTree(file.toFile())) {
        CellOutcome outcome = mapper.treeToValue(node, CellOutcome.class);
        outcomes.put(outcome.cell(), outcome);
      }
    } catch (IOException e) {
      // a damaged outcomes file only loses the earlier errors: the cells' own folders say how they ended
    }
    return outcomes;
  }

  /** Records a cell's outcome (atomically: a kill leaves the previous file or the new one). */
  public synchronized void record(CellOutcome outcome) {
    Map<String, CellOutcome> outcomes = outcomes();
    outcomes.put(outcome.cell(), outcome);
    try {
      AtomicFiles.write(path.resolve(OUTCOMES),
          mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(outcomes.values()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the outcome of cell " + outcome.cell(), e);
    }
  }

  /** Writes one of the report files atomically. */
  public void write(String name, String content) {
    try {
      AtomicFiles.write(path.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path.resolve(name), e);
    }
  }
}
