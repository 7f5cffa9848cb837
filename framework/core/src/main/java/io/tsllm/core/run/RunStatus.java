package io.tsllm.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code status.json}: the run's state, when it started and ended, and the error that ended a failed or
 * interrupted run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunStatus(RunState state, String started, String ended, String error) {}
