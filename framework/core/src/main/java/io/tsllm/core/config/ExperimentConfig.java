package io.tsllm.core.config;

import java.nio.file.Path;

/**
 * A bound and validated experiment file.
 *
 * @param file the experiment file
 * @param baseFolder where relative paths in the experiment start: the experiment file's folder (for a resumed run,
 *     the original experiment file's folder)
 * @param name the run name, by default the file name without extension
 * @param seed seeds weight initialization, shuffling and dropout
 */
public record ExperimentConfig(
    Path file,
    Path baseFolder,
    String name,
    long seed,
    PluginSection data,
    PluginSection embedder,
    PluginSection backbone,
    PluginSection head,
    TrainingConfig training,
    OutputConfig output) {

  public ExperimentConfig withBaseFolder(Path folder) {
    return new ExperimentConfig(file, folder, name, seed, data, embedder, backbone, head, training, output);
  }
}
