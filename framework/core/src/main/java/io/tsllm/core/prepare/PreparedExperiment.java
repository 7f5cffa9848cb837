package io.tsllm.core.prepare;

import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.spi.Dataset;

/**
 * An experiment ready to train: bound config, loaded data, built graph. Closing it frees the graph, and the
 * dataset's open files when it holds any (an {@link AutoCloseable} dataset).
 */
public record PreparedExperiment(ExperimentConfig config, Dataset dataset, ModelGraph model)
    implements AutoCloseable {

  @Override
  public void close() {
    model.graph().close();
    if (dataset instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close the dataset's files", e);
      }
    }
  }
}
