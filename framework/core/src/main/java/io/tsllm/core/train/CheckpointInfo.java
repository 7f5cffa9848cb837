package io.tsllm.core.train;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A checkpoint label's pointer file {@code <label>.json}: which folder holds the label's latest complete save and
 * what it is. {@code best} records the epoch, step and monitored validation value it was chosen by; {@code last}
 * records the whole training state a resumed run continues from.
 *
 * @param folder the checkpoint's folder under the store, set when the save completed
 * @param prefix the TensorFlow checkpoint prefix inside the folder
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointInfo(
    Integer epoch, Long step, String monitor, Double monitoredValue, TrainingState state, String folder,
    String prefix) {

  /** What {@code best} holds: the weights of the epoch with the best monitored value so far. */
  public static CheckpointInfo best(int epoch, long step, String monitor, double monitoredValue) {
    return new CheckpointInfo(epoch, step, monitor, monitoredValue, null, null, null);
  }

  /** What {@code last} holds: everything a resumed run needs. */
  public static CheckpointInfo last(TrainingState state) {
    return new CheckpointInfo(null, state.globalStep(), null, null, state, null, null);
  }

  CheckpointInfo at(String savedFolder, String savedPrefix) {
    return new CheckpointInfo(epoch, step, monitor, monitoredValue, state, savedFolder, savedPrefix);
  }
}
