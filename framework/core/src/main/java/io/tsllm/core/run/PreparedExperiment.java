package io.tsllm.core.run;

import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.spi.Dataset;

/** An experiment ready to train: bound config, loaded data, built graph. Closing it frees the graph. */
public record PreparedExperiment(ExperimentConfig config, Dataset dataset, ModelGraph model)
    implements AutoCloseable {

  @Override
  public void close() {
    model.graph().close();
  }
}
