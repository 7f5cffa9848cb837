package io.tsllm.core.serve.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stitching overlapping windows' probabilities, by hand. */
class ProbabilityStitcherTest {

  /** Windows of 4 samples every 2 over a record of 9: starts 0, 2, 4 and a last one aligned to the end at 5. */
  private static float[] stitch(String stacking) {
    float[] out = new float[9];
    List<Long> order = new ArrayList<>();
    ProbabilityStitcher stitcher = new ProbabilityStitcher(4, 1, stacking, (index, values) -> {
      order.add(index);
      out[(int) index] = values[0];
    });
    stitcher.add(0, new float[] {1, 1, 1, 1});
    stitcher.add(2, new float[] {3, 3, 3, 3});
    stitcher.add(4, new float[] {5, 5, 5, 5});
    stitcher.add(5, new float[] {9, 9, 9, 9});
    stitcher.finish(9);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), order, "every sample once, in order");
    return out;
  }

  @Test
  void averagesOrTakesTheMaximumWhereWindowsOverlap() {
    // Samples 0-1: window 0 alone; 2-3: windows 0 and 2; 4: 2 and 4; 5: 2, 4 and 5; 6-7: 4 and 5; 8: 5 alone.
    assertArrayEquals(new float[] {1, 1, 2, 2, 4, 17f / 3, 7, 7, 9}, stitch("avg"));
    assertArrayEquals(new float[] {1, 1, 3, 3, 5, 9, 9, 9, 9}, stitch("max"));
  }
}
