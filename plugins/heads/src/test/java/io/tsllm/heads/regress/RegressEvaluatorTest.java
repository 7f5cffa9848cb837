package io.tsllm.heads.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.WindowShape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressEvaluatorTest {

  @Test
  void errorsAndRSquaredBesideTheMeanPredictor() {
    RegressEvaluator evaluator = new RegressEvaluator(WindowShape.values(4, List.of("z"), List.of("magnitude")));
    evaluator.add(EvaluationBatch.of(new float[8], new float[] {1.5f, 2}, new float[] {1, 3}, 2));
    evaluator.add(EvaluationBatch.of(new float[4], new float[] {5}, new float[] {5}, 1));
    Map<String, Double> metrics = evaluator.metrics();
    assertEquals((0.25 + 1 + 0) / 3, metrics.get("mse"), 1e-12);
    assertEquals((0.5 + 1 + 0) / 3, metrics.get("mae"), 1e-12);
    assertEquals(Math.sqrt(1.25 / 3), metrics.get("rmse"), 1e-12);
    double variance = (4 + 0 + 4) / 3.0;
    assertEquals(variance, metrics.get("naive_mse"), 1e-12, "the mean 3 predicted for truths 1, 3, 5");
    assertEquals(1 - (1.25 / 3) / variance, metrics.get("r2"), 1e-12);
    assertEquals(4 / 3.0, metrics.get("naive_mae"), 1e-12);
  }
}
