package io.tsllm.core.suite;

import java.util.List;

/**
 * A suite expanded into its cells, ready to run.
 *
 * @param overrides {@code --set} changes applied to every cell after the suite's own
 */
public record SuitePlan(SuiteDefinition definition, List<SuiteCell> cells, List<String> overrides) {

  public SuitePlan {
    cells = List.copyOf(cells);
    overrides = List.copyOf(overrides);
  }

  public SuiteCell cell(String id) {
    return cells.stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cell " + id));
  }
}
