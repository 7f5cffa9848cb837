package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.run.RunDirectory;
import io.tsllm.core.run.RunMetrics;
import io.tsllm.core.run.RunState;
import io.tsllm.core.run.RunStatus;
import io.tsllm.spi.CsvRowWriter;
import io.tsllm.spi.MetricSpec.Direction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * What a suite's cells measured, read back from their run folders (so the report of a suite resumed, rerun or run
 * on Spark is built the same way), with the per-setting statistics over seeds.
 */
public final class SuiteResults {

  /**
   * One cell as its folder records it.
   *
   * @param state {@code completed}, {@code failed}, {@code interrupted}, {@code running} (or killed), {@code not run}
   * @param test the test metrics of a completed cell, else empty
   * @param directions the direction of each key metric the cell's head declared
   * @param config the cell's resolved experiment, null when it never started
   */
  public record CellResult(SuiteCell cell, String state, String error, Map<String, Double> test,
      Map<String, Direction> directions, JsonNode config) {}

  /** Mean and sample standard deviation over seeds of one metric, for one arm in one setting. */
  public record Summary(String experiment, String arm, Map<String, JsonNode> settings, String setting, String metric,
      int seeds, double mean, double std) {}

  private final SuitePlan plan;
  private final List<CellResult> cells;
  private final List<Summary> summaries;

  private SuiteResults(SuitePlan plan, List<CellResult> cells) {
    this.plan = plan;
    this.cells = List.copyOf(cells);
    this.summaries = summarize(this.cells);
  }

  public static SuiteResults collect(SuitePlan plan, SuiteFolder folder, ObjectMapper mapper) {
    JsonRecords records = new JsonRecords(mapper);
    Map<String, CellOutcome> outcomes = folder.outcomes();
    List<CellResult> cells = new ArrayList<>();
    for (SuiteCell cell : plan.cells()) {
      Path run = folder.cell(cell.id());
      Optional<RunStatus> status = records.readIfPresent(run.resolve(RunDirectory.STATUS), RunStatus.class);
      Optional<RunMetrics> metrics = records.readIfPresent(run.resolve(RunDirectory.METRICS), RunMetrics.class);
      JsonNode config = records.readIfPresent(run.resolve(RunDirectory.CONFIG), JsonNode.class).orElse(null);
      String state = status.map(s -> s.state() == null ? RunState.RUNNING.label() : s.state().label())
          .orElse("not run");
      String error = status.map(RunStatus::error).orElse(null);
      CellOutcome outcome = outcomes.get(cell.id());
      if (outcome != null && !outcome.completed() && (status.isEmpty() || "failed".equals(state))) {
        state = "failed";
        error = outcome.error();
      }
      Map<String, Double> test = new LinkedHashMap<>();
      Map<String, Direction> directions = new LinkedHashMap<>();
      if ("completed".equals(state) && metrics.isPresent()) {
        test.putAll(metrics.get().test());
        metrics.get().keyMetrics().forEach(k -> directions.put(k.name(), k.direction()));
      } else if ("completed".equals(state)) {
        state = "failed";
        error = RunDirectory.METRICS + " is missing";
      }
      cells.add(new CellResult(cell, state, error, test, directions, config));
    }
    return new SuiteResults(plan, cells);
  }

  public SuitePlan plan() {
    return plan;
  }

  public List<CellResult> cells() {
    return cells;
  }

  public List<CellResult> unfinished() {
    return cells.stream().filter(c -> !c.state().equals("completed")).toList();
  }

  /** The suite's {@code metrics}, or else the key metrics the cells' heads declared, in their order. */
  public List<String> reportMetrics() {
    if (!plan.definition().metrics().isEmpty()) {
      return plan.definition().metrics();
    }
    Set<String> names = new LinkedHashSet<>();
    cells.forEach(c -> names.addAll(c.directions().keySet()));
    return List.copyOf(names);
  }

  /** The declared direction of a metric, from any cell that reported it; null when no head declared it as key. */
  public Direction direction(String metric) {
    return cells.stream().map(c -> c.directions().get(metric)).filter(d -> d != null).findFirst().orElse(null);
  }

  /** Statistics over seeds, for each experiment, arm, setting and test metric (completed cells only). */
  public List<Summary> summaries() {
    return summaries;
  }

  private static List<Summary> summarize(List<CellResult> cells) {
    Map<List<Object>, SummaryStatistics> stats = new LinkedHashMap<>();
    Map<List<Object>, CellResult> first = new LinkedHashMap<>();
    for (CellResult result : cells) {
      for (var metric : result.test().entrySet()) {
        List<Object> key = List.of(result.cell().experiment(), result.cell().arm(), result.cell().settingLabel(),
            metric.getKey());
        stats.computeIfAbsent(key, k -> new SummaryStatistics()).addValue(metric.getValue());
        first.putIfAbsent(key, result);
      }
    }
    List<Summary> summaries = new ArrayList<>();
    stats.forEach((key, s) -> {
      SuiteCell cell = first.get(key).cell();
      summaries.add(new Summary(cell.experiment(), cell.arm(), cell.settings(), cell.settingLabel(),
          (String) key.get(3), (int) s.getN(), s.getMean(), s.getN() > 1 ? s.getStandardDeviation() : 0));
    });
    return summaries;
  }

  public Summary summary(String experiment, String arm, String setting, String metric) {
    return summaries.stream().filter(s -> s.experiment().equals(experiment) && s.arm().equals(arm)
        && s.setting().equals(setting) && s.metric().equals(metric)).findFirst().orElse(null);
  }

  /** The settings (experiment and axis values) in plan order. */
  public List<SuiteCell> settings() {
    Map<String, SuiteCell> settings = new LinkedHashMap<>();
    plan.cells().forEach(c -> settings.putIfAbsent(c.settingLabel(), c));
    return List.copyOf(settings.values());
  }

  /** {@code results.csv}: one row per cell and test metric; a cell without results has one row without metric. */
  public String resultsCsv() {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("cell", "experiment", "arm"));
    plan.definition().axes().forEach(axis -> header.add(axis.path()));
    header.addAll(List.of("seed", "state", "metric", "value"));
    rows.add(header);
    for (CellResult result : cells) {
      List<String> prefix = prefix(result.cell());
      prefix.add(String.valueOf(result.cell().seed()));
      prefix.add(String.valueOf(result.state()));
      if (result.test().isEmpty()) {
        rows.add(concat(prefix, "", ""));
      }
      result.test().forEach((metric, value) -> rows.add(concat(prefix, metric, String.valueOf(value))));
    }
    return CsvRowWriter.text(rows);
  }

  /** {@code summary.csv}: mean and standard deviation over seeds, for each setting, arm and metric. */
  public String summaryCsv() {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("experiment", "arm"));
    plan.definition().axes().forEach(axis -> header.add(axis.path()));
    header.addAll(List.of("metric", "seeds", "mean", "std"));
    rows.add(header);
    for (Summary s : summaries()) {
      List<String> row = new ArrayList<>(List.of(s.experiment(), s.arm()));
      plan.definition().axes().forEach(axis -> row.add(csvValue(s.settings().get(axis.path()))));
      row.addAll(List.of(s.metric(), String.valueOf(s.seeds()), String.format(Locale.ROOT, "%.6g", s.mean()),
          String.format(Locale.ROOT, "%.6g", s.std())));
      rows.add(row);
    }
    return CsvRowWriter.text(rows);
  }

  private List<String> prefix(SuiteCell cell) {
    List<String> row = new ArrayList<>(List.of(cell.id(), cell.experiment(), cell.arm()));
    plan.definition().axes().forEach(axis -> row.add(csvValue(cell.settings().get(axis.path()))));
    return row;
  }

  private static List<String> concat(List<String> prefix, String... more) {
    List<String> row = new ArrayList<>(prefix);
    row.addAll(List.of(more));
    return row;
  }

  /** An axis value as a field: text as it is, anything else as its JSON (the writer quotes what must be). */
  private static String csvValue(JsonNode value) {
    if (value == null) {
      return "";
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
