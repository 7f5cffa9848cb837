package io.tsllm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StepProfile#spans}: the executor's span and the time in which at least one operation ran. */
class StepProfileTest {

  @Test
  void overlappingOperationsCountOnceAndGapsNotAtAll() {
    // [0, 4) and [2, 6) overlap (6 ns busy), nothing runs in [6, 10), then [10, 11) and [10, 12) overlap (2 ns).
    List<long[]> intervals = new ArrayList<>(List.of(new long[] {10, 11}, new long[] {2, 6}, new long[] {0, 4},
        new long[] {10, 12}));

    assertArrayEquals(new double[] {12e-9, 8e-9}, StepProfile.spans(intervals), 1e-15);
  }

  @Test
  void anOperationInsideAnotherAddsNothing() {
    List<long[]> intervals = new ArrayList<>(List.of(new long[] {0, 10}, new long[] {3, 4}));

    assertArrayEquals(new double[] {10e-9, 10e-9}, StepProfile.spans(intervals), 1e-15);
  }

  @Test
  void noOperationsNoTime() {
    assertArrayEquals(new double[] {0, 0}, StepProfile.spans(new ArrayList<>()), 0);
  }
}
