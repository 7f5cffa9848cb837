package io.tsllm.core.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands, saved with every {@code last} checkpoint so a resumed run continues exactly: the next step
 * to take ({@code epoch}, {@code stepInEpoch}), the global step (which seeds dropout masks and the learning-rate
 * schedule), the running training loss of the current epoch, and the early-stopping bookkeeping.
 *
 * @param bestScore the best monitored validation score so far (better in the monitored metric's direction), or null
 *     before the first validation
 * @param done training has ended (all epochs, or early stopping); what remains is the test pass
 */
public record TrainingState(
    int epoch,
    int stepInEpoch,
    long globalStep,
    double epochLossSum,
    Double bestScore,
    int bestEpoch,
    int sinceBest,
    List<EpochRecord> history,
    boolean done) {

  public TrainingState {
    history = List.copyOf(history);
  }

  static TrainingState start() {
    return new TrainingState(1, 0, 0, 0, null, 0, 0, List.of(), false);
  }

  TrainingState afterStep(double loss) {
    return new TrainingState(epoch, stepInEpoch + 1, globalStep + 1, epochLossSum + loss, bestScore, bestEpoch,
        sinceBest, history, false);
  }

  /** @param score the monitored score, kept as the best when {@code record} says it improved */
  TrainingState afterEpoch(EpochRecord record, double score) {
    List<EpochRecord> all = new ArrayList<>(history);
    all.add(record);
    boolean improved = record.improved();
    return new TrainingState(epoch + 1, 0, globalStep, 0, improved ? score : bestScore,
        improved ? epoch : bestEpoch, improved ? 0 : sinceBest + 1, all, false);
  }

  TrainingState finished() {
    return new TrainingState(epoch, stepInEpoch, globalStep, epochLossSum, bestScore, bestEpoch, sinceBest, history,
        true);
  }
}
