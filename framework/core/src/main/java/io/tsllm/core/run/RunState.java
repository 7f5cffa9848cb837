package io.tsllm.core.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a run stands, as {@code status.json} records it. */
public enum RunState {
  /** Started and not ended, or killed (resumable from its {@code last} checkpoint). */
  RUNNING,
  /** Metrics written: finished. */
  COMPLETED,
  /** Stopped on request with a resumable checkpoint. */
  INTERRUPTED,
  /** Ended by an error. */
  FAILED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static RunState of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
