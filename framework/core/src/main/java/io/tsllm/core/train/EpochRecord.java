package io.tsllm.core.train;

import java.util.Map;

/**
 * One epoch's figures.
 *
 * @param trainLoss mean training loss over the epoch's steps
 * @param validationLoss loss over every validation window
 * @param validation the head's metrics on the validation split
 */
public record EpochRecord(
    int epoch, int steps, double trainLoss, double validationLoss, Map<String, Double> validation, double seconds,
    boolean improved) {}
