package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.config.ExperimentConfigBinder;
import io.tsllm.core.config.ResolvedConfig;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import io.tsllm.core.train.StepBenchmark;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code suite --dry-run}: each cell's training steps and an estimated time, from a few timed steps of each
 * distinct experiment (cells that differ only by seed share one measurement, and are only bound, not prepared).
 */
public final class SuiteEstimate {

  private final ExperimentConfigBinder binder;
  private final ExperimentPreparer preparer;
  private final ObjectMapper mapper;

  @Inject
  public SuiteEstimate(ExperimentConfigBinder binder, ExperimentPreparer preparer, ObjectMapper mapper) {
    this.binder = binder;
    this.preparer = preparer;
    this.mapper = mapper;
  }

  /**
   * @param steps the training steps per cell (every epoch, capped by {@code max_train_steps})
   * @param seconds the estimated time of the cell: its epochs, validation and test passes, on this machine
   */
  public record CellEstimate(SuiteCell cell, long steps, double stepSeconds, double seconds) {}

  public List<CellEstimate> estimate(SuitePlan plan, int timedSteps) {
    return estimate(plan, timedSteps, cell -> true);
  }

  /** The estimates of the cells {@code runs} accepts. */
  public List<CellEstimate> estimate(SuitePlan plan, int timedSteps, java.util.function.Predicate<SuiteCell> runs) {
    Map<JsonNode, StepBenchmark.Result> measured = new HashMap<>();
    List<CellEstimate> estimates = new ArrayList<>();
    for (SuiteCell cell : plan.cells().stream().filter(runs).toList()) {
      // Binding is cheap; the data and graph are prepared only for an experiment not timed yet.
      ExperimentConfig config = binder.bind(cell.experimentFile(), SuitePlanner.overrides(cell));
      ObjectNode key = ResolvedConfig.toJson(mapper, config);
      key.remove("name");
      key.remove("seed");
      StepBenchmark.Result result = measured.get(key);
      if (result == null) {
        try (PreparedExperiment prepared = preparer.prepare(cell.experimentFile(), SuitePlanner.overrides(cell))) {
          result = new StepBenchmark().measure(prepared.model(), prepared.dataset(), prepared.config().training(),
              prepared.config().seed(), timedSteps);
        }
        measured.put(key, result);
      }
      long steps = (long) result.stepsPerEpoch() * config.training().epochs();
      estimates.add(new CellEstimate(cell, steps, result.trainingStep(), result.runSeconds()));
    }
    return estimates;
  }

}
