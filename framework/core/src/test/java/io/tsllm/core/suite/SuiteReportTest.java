package io.tsllm.core.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SuiteReport#meanChange}: the ablation table's mean relative change of an arm to the reference arm. */
class SuiteReportTest {

  @Test
  void averagesTheRelativeChangeOverSettings() {
    assertEquals("-7.5%", SuiteReport.meanChange(List.of(new double[] {0.9, 1.0}, new double[] {1.9, 2.0})));
  }

  @Test
  void leavesOutSettingsWhoseReferenceIsZeroAndSaysSo() {
    // An F1 or accuracy of exactly 0 for the reference: a relative change to it is undefined, not infinite.
    assertEquals("+10.0% (over the 1 of 2 settings with a non-zero reference)",
        SuiteReport.meanChange(List.of(new double[] {0.3, 0.0}, new double[] {1.1, 1.0})));
    assertEquals("-", SuiteReport.meanChange(List.of(new double[] {0.3, 0.0})));
    assertEquals("-", SuiteReport.meanChange(List.of()));
  }
}
