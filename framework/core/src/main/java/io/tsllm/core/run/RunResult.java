package io.tsllm.core.run;

import io.tsllm.core.train.TrainingOutcome;

/** A finished run: where its outputs are and what it measured. */
public record RunResult(RunDirectory directory, TrainingOutcome outcome) {}
