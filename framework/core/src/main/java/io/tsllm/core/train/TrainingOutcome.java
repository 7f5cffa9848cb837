package io.tsllm.core.train;

import java.util.List;
import java.util.Map;

/**
 * What training produced.
 *
 * @param bestEpoch the epoch whose weights were kept (lowest validation loss)
 * @param test the head's metrics on the test split, with the best weights
 * @param testLoss the loss over every test window
 * @param calibration what the head measured on the training split before the test pass (empty when nothing)
 */
public record TrainingOutcome(
    List<EpochRecord> epochs, int bestEpoch, boolean stoppedEarly, double testLoss, Map<String, Double> test,
    int testWindows, Map<String, Double> calibration) {}
