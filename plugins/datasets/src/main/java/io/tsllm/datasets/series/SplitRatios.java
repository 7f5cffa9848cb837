package io.tsllm.datasets.series;

import io.tsllm.spi.ConfigProblems;

/** The check every ratio split shares: train and test shares in (0, 1) that leave something to validate on. */
public final class SplitRatios {

  private SplitRatios() {}

  /** @param unit what is split, for the message: rows, traces, samples */
  public static void check(ConfigProblems problems, double trainRatio, double testRatio, String unit) {
    problems.check(trainRatio > 0 && trainRatio < 1, "train_ratio", trainRatio, "a number in (0, 1)");
    problems.check(testRatio > 0 && testRatio < 1 && trainRatio + testRatio < 1, "test_ratio", testRatio,
        "a number in (0, 1) with train_ratio + test_ratio < 1, leaving " + unit + " for validation");
  }
}
