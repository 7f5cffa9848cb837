package io.tsllm.core.train;

import java.nio.file.Path;

/** The loss became NaN or infinite; the last good checkpoint is left as it was. */
public final class TrainingDivergedException extends RuntimeException {

  TrainingDivergedException(int epoch, long step, float loss, Path lastGood) {
    super("training loss became " + loss + " at epoch " + epoch + ", step " + step
        + "; try a lower learning_rate. " + (lastGood == null
            ? "No checkpoint had been saved yet."
            : "The last good checkpoint is intact: " + lastGood));
  }
}
