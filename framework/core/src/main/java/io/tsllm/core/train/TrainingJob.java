package io.tsllm.core.train;

import io.tsllm.core.config.TrainingConfig;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.spi.Dataset;

/**
 * What the trainer needs for one run.
 *
 * @param evaluators fresh evaluators for each pass over a split
 * @param checkpoints where {@code best} and {@code last} go
 */
public record TrainingJob(
    ModelGraph model,
    Dataset data,
    TaskEvaluators evaluators,
    TrainingConfig config,
    long seed,
    CheckpointStore checkpoints) {}
