package io.tsllm.core.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitePlotTest {

  @TempDir Path temp;

  @Test
  void anArmWithoutResultsForSomeSettingsYetIsPlotted() throws Exception {
    // A suite part-way through: the arm has run horizon 96 and 192, not 336 and 720.
    double[][] partial = {{0.374, 0.002}, {0.413, 0.0}, null, null};
    Path file = temp.resolve("plot.png");
    SuitePlot.write(file, "etth1", "mse", List.of("96", "192", "336", "720"), Map.of("patchtst-42", partial),
        Arrays.asList(0.375, 0.414, 0.431, 0.449), "published PatchTST/42");
    assertTrue(Files.size(file) > 0);
  }
}
