package io.tsllm.core.train;

/** Training stopped on request after saving its {@code last} checkpoint; the run can be resumed. */
public final class TrainingInterruptedException extends RuntimeException {

  TrainingInterruptedException(long step) {
    super("stopped on request at step " + step + "; the last checkpoint was saved");
  }

  /** Stopped after training, before its results were complete (test pass, export, reports). */
  public TrainingInterruptedException(String stage) {
    super("stopped on request " + stage + "; training is complete and saved, a resumed run redoes what follows it");
  }
}
