package io.tsllm.core.train;

import java.util.Map;

/**
 * A model's score on one split.
 *
 * @param loss the training loss averaged over every window
 * @param metrics the head's metrics
 */
record SplitScore(double loss, Map<String, Double> metrics) {}
