package io.tsllm.core.train;

import io.tsllm.core.UserInputException;

/** No intact checkpoint to resume from: each damage is named (which file, what is wrong). */
public final class CheckpointDamagedException extends UserInputException {

  CheckpointDamagedException(String message) {
    super(message);
  }
}
