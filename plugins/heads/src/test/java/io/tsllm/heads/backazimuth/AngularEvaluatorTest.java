package io.tsllm.heads.backazimuth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.spi.EvaluationBatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Angular metrics by hand, wrap-around included. */
class AngularEvaluatorTest {

  @Test
  void threeHundredFiftyNineAgainstOneIsTwoDegrees() {
    assertEquals(2, AngularEvaluator.wrapped(1, 359), 1e-12);
    assertEquals(-2, AngularEvaluator.wrapped(359, 1), 1e-12);
    assertEquals(180, Math.abs(AngularEvaluator.wrapped(0, 180)), 1e-12);
    assertEquals(-10, AngularEvaluator.wrapped(350, 0), 1e-12);
  }

  @Test
  void maeRmseAndR2AsSeisMoLlmComputesThem() {
    // Targets 10, 350, 90, 270; predictions 355 (15 off across north), 5 (15 off), 100 (10 off), 250 (20 off).
    AngularEvaluator evaluator = new AngularEvaluator(1);
    evaluator.add(EvaluationBatch.of(new float[4], new float[] {355, 5, 100, 250}, new float[] {10, 350, 90, 270},
        4));
    Map<String, Double> m = evaluator.metrics();
    assertEquals((15 + 15 + 10 + 20) / 4.0, m.get("mae"), 1e-9);
    assertEquals(Math.sqrt((225 + 225 + 100 + 400) / 4.0), m.get("rmse"), 1e-9);
    // R2's denominator: wrapped deviations from the plain mean 180: -170, 170, -90, 90.
    double spread = (170 * 170 * 2 + 90 * 90 * 2);
    assertEquals(1 - (225 + 225 + 100 + 400) / spread, m.get("r2"), 1e-9);
    // The circular mean of 10, 350, 90, 270 is 0: errors 10, 10, 90, 90.
    assertEquals(50, m.get("naive_mae"), 1e-6);
  }

  @Test
  void radiansAreReportedInDegrees() {
    AngularEvaluator evaluator = new AngularEvaluator(180 / Math.PI);
    evaluator.add(EvaluationBatch.of(new float[2], new float[] {(float) (2 * Math.PI - 0.01), 0.5f},
        new float[] {0.01f, 0.5f}, 2));
    assertEquals(Math.toDegrees(0.02) / 2, evaluator.metrics().get("mae"), 1e-3);
  }
}
