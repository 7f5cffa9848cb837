package io.tsllm.core.suite;

import java.io.Serializable;

/**
 * How one cell ended in one suite invocation (serializable: Spark tasks send it back to the driver).
 *
 * @param action what was done: {@code ran}, {@code resumed}, {@code skipped} (completed earlier), {@code retried}
 *     (failed earlier, run again), or {@code not run} (failed earlier, not retried)
 * @param state the cell's run state afterwards: {@code completed} or {@code failed}
 * @param error why it failed; null when it did not
 * @param seconds wall time spent on it in this invocation
 */
public record CellOutcome(String cell, String action, String state, String error, double seconds)
    implements Serializable {

  public boolean completed() {
    return "completed".equals(state);
  }
}
