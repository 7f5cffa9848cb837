package io.tsllm.heads.impute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.WindowShape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImputeEvaluatorTest {

  @Test
  void scoresHiddenPointsOnlyBesideZeroAndInterpolation() {
    WindowShape shape = WindowShape.inputOnly(5, List.of("x"));
    ImputeEvaluator evaluator = new ImputeEvaluator(shape);
    float[] inputs = {0, 1, 2, 3, 4};
    float[] predictions = {9, 1.5f, 2, 3, 9};
    float[] mask = {0, 1, 0, 1, 0};
    evaluator.add(new EvaluationBatch(inputs, predictions, new float[0], Map.of(ImputeHead.MASK, mask), 1));
    Map<String, Double> metrics = evaluator.metrics();
    assertEquals((0.25 + 0) / 2, metrics.get("mse"), 1e-12, "steps 0 and 4 are observed and do not count");
    assertEquals(2, metrics.get("masked_points"));
    assertEquals((1 + 9) / 2.0, metrics.get("naive_mse"), 1e-12);
    assertEquals(0, metrics.get("interp_mse"), 1e-12, "a straight line is interpolated exactly");
  }

  @Test
  void withoutHiddenPointsTheMetricsAreUndefined() {
    ImputeEvaluator evaluator = new ImputeEvaluator(WindowShape.inputOnly(2, List.of("x")));
    evaluator.add(new EvaluationBatch(new float[2], new float[2], new float[0],
        Map.of(ImputeHead.MASK, new float[2]), 1));
    assertTrue(evaluator.metrics().get("mse").isNaN());
  }
}
