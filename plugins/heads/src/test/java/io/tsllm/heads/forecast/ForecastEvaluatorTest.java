package io.tsllm.heads.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.WindowShape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForecastEvaluatorTest {

  // Two windows of 2 steps x 2 channels, forecasting 1 step.
  final WindowShape shape = new WindowShape(2, 2, 1, 2, List.of("a", "b"));
  final float[] inputs = {0, 0, 1, 2, /* window 2 */ 0, 0, 3, 4};
  final float[] targets = {2, 2, /* window 2 */ 3, 8};
  final float[] predictions = {1, 2, /* window 2 */ 3, 6};

  @Test
  void averagesErrorsOverEveryValueOfEveryWindow() {
    ForecastEvaluator evaluator = new ForecastEvaluator(shape, Optional.empty());
    evaluator.add(EvaluationBatch.of(inputs, predictions, targets, 2));
    Map<String, Double> metrics = evaluator.metrics();
    assertEquals((1 + 0 + 0 + 4) / 4.0, metrics.get("mse"), 1e-12);
    assertEquals((1 + 0 + 0 + 2) / 4.0, metrics.get("mae"), 1e-12);
    assertEquals(Math.sqrt(5 / 4.0), metrics.get("rmse"), 1e-12);
    // Errors over truths: -1/2, 0, 0, -2/8.
    assertEquals((0.5 + 0 + 0 + 0.25) / 4, metrics.get("mape"), 1e-12);
    assertEquals((0.25 + 0 + 0 + 0.0625) / 4, metrics.get("mspe"), 1e-12);
  }

  @Test
  void percentageErrorsLeaveOutZeroTruths() {
    ForecastEvaluator evaluator = new ForecastEvaluator(new WindowShape(1, 1, 2, 1, List.of("a")), Optional.empty());
    evaluator.add(EvaluationBatch.of(new float[] {0}, new float[] {1, 3}, new float[] {0, 2}, 1));
    assertEquals(0.5, evaluator.metrics().get("mape"), 1e-12, "only the truth 2 counts: |3 - 2| / 2");
  }

  @Test
  void naiveBaselineRepeatsEachWindowsLastValue() {
    ForecastEvaluator evaluator = new ForecastEvaluator(shape, Optional.empty());
    evaluator.add(EvaluationBatch.of(inputs, predictions, targets, 2));
    // last values: window 1 (1, 2), window 2 (3, 4); errors 1, 0, 0, 4
    assertEquals((1 + 0 + 0 + 16) / 4.0, evaluator.metrics().get("naive_mse"), 1e-12);
    assertEquals((1 + 0 + 0 + 4) / 4.0, evaluator.metrics().get("naive_mae"), 1e-12);
  }

  @Test
  void reportsOriginalScaleThroughTheScaler() {
    ChannelScaler scaler = new ChannelScaler(new double[] {10, 20}, new double[] {2, 3});
    ForecastEvaluator evaluator = new ForecastEvaluator(shape, Optional.of(scaler));
    evaluator.add(EvaluationBatch.of(inputs, predictions, targets, 2));
    // errors in scaled units 1, 0, 0, 2 become 2, 0, 0, 6
    assertEquals((4 + 0 + 0 + 36) / 4.0, evaluator.metrics().get("mse_original"), 1e-12);
    assertEquals((2 + 0 + 0 + 6) / 4.0, evaluator.metrics().get("mae_original"), 1e-12);
  }

  @Test
  void multivariateToUnivariateComparesTheLastInputChannel() {
    WindowShape ms = new WindowShape(2, 2, 1, 1, List.of("a", "b"));
    ChannelScaler scaler = new ChannelScaler(new double[] {10, 20}, new double[] {2, 3});
    ForecastEvaluator evaluator = new ForecastEvaluator(ms, Optional.of(scaler));
    // targets are channel b: last values 2 and 4, truths 5 and 4, forecasts 5 and 3
    evaluator.add(EvaluationBatch.of(inputs, new float[] {5, 3}, new float[] {5, 4}, 2));
    Map<String, Double> metrics = evaluator.metrics();
    assertEquals((0 + 1) / 2.0, metrics.get("mse"), 1e-12);
    assertEquals((9 + 0) / 2.0, metrics.get("naive_mse"), 1e-12);
    assertEquals((0 + 9) / 2.0, metrics.get("mse_original"), 1e-12, "channel b's scale, 3");
  }

  @Test
  void ignoresTheUnusedTailOfReusedBuffers() {
    ForecastEvaluator evaluator = new ForecastEvaluator(shape, Optional.empty());
    evaluator.add(EvaluationBatch.of(inputs, predictions, targets, 1));
    assertEquals((1 + 0) / 2.0, evaluator.metrics().get("mse"), 1e-12);
  }
}
