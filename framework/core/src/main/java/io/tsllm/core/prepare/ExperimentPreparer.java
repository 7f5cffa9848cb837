package io.tsllm.core.prepare;

import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.config.ExperimentConfigBinder;
import io.tsllm.core.config.PluginSection;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.core.model.ModelGraphBuilder;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.PluginConfig;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.tensorflow.Graph;

/**
 * Does everything short of training: binds the experiment file, loads the data and builds the graph, so that
 * every input error surfaces before a run folder exists or a step is taken.
 */
public final class ExperimentPreparer {

  private final ExperimentConfigBinder binder;
  private final ModelGraphBuilder builder;

  @Inject
  public ExperimentPreparer(ExperimentConfigBinder binder, ModelGraphBuilder builder) {
    this.binder = binder;
    this.builder = builder;
  }

  public PreparedExperiment prepare(Path experimentFile) {
    return prepare(experimentFile, ConfigOverrides.none());
  }

  /** @param overrides command-line changes to the file ({@code --set}) */
  public PreparedExperiment prepare(Path experimentFile, ConfigOverrides overrides) {
    return prepare(binder.bind(experimentFile, overrides));
  }

  /** Prepares an experiment whose relative paths start at {@code baseFolder} (a resumed run's config). */
  public PreparedExperiment prepare(Path experimentFile, Path baseFolder) {
    return prepare(binder.bind(experimentFile).withBaseFolder(baseFolder));
  }

  private PreparedExperiment prepare(ExperimentConfig config) {
    Dataset dataset = load(config.data(), config.baseFolder());
    Graph graph = new Graph();
    try {
      ModelGraph model = builder.build(graph, config, dataset.shape(), dataset.scaler());
      return new PreparedExperiment(config, dataset, model);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private static Dataset load(PluginSection section, Path base) {
    DataContext context = path -> base.resolve(path).normalize();
    DatasetLoader<PluginConfig> loader = (DatasetLoader<PluginConfig>) section.plugin().plugin();
    return loader.load(section.config(), context);
  }
}
