package io.tsllm.heads.reconstruct;

import io.tsllm.spi.EvaluationBatch;
import java.util.Arrays;

/** Per-step anomaly scores (and labels, when the data has them) of a split, in order, grown as batches come. */
final class ScoreSeries {

  private final int windowLength;
  private final boolean labelled;
  private double[] scores = new double[4096];
  private boolean[] labels = new boolean[4096];
  private int steps;

  ScoreSeries(int windowLength, boolean labelled) {
    this.windowLength = windowLength;
    this.labelled = labelled;
  }

  void add(EvaluationBatch batch) {
    float[] score = batch.output(ReconstructHead.SCORE);
    int n = batch.count() * windowLength;
    if (steps + n > scores.length) {
      int capacity = Math.max(scores.length * 2, steps + n);
      scores = Arrays.copyOf(scores, capacity);
      labels = Arrays.copyOf(labels, capacity);
    }
    for (int i = 0; i < n; i++) {
      scores[steps + i] = score[i];
      labels[steps + i] = labelled && batch.targets()[i] > 0.5f;
    }
    steps += n;
  }

  int steps() {
    return steps;
  }

  double[] scores() {
    return Arrays.copyOf(scores, steps);
  }

  boolean[] labels() {
    return labels;
  }

  boolean[] flags(double threshold) {
    boolean[] flags = new boolean[steps];
    for (int i = 0; i < steps; i++) {
      flags[i] = scores[i] > threshold;
    }
    return flags;
  }
}
