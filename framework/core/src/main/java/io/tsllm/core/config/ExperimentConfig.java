package io.tsllm.core.config;

import java.nio.file.Path;

/**
 * A bound and validated experiment file.
 *
 * @param file the experiment file (relative data paths start at its folder)
 * @param name the run name, by default the file name without extension
 * @param seed seeds weight initialization, shuffling and dropout
 */
public record ExperimentConfig(
    Path file,
    String name,
    long seed,
    PluginSection data,
    PluginSection embedder,
    PluginSection backbone,
    PluginSection head,
    TrainingConfig training,
    OutputConfig output) {}
