package com.example.tsllm.starter;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.WindowShape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * sMAPE (in the data's units, {@code 200 |p - y| / (|p| + |y|)} averaged over values whose denominator is not 0)
 * and MAE (scaled), for the model and for the baseline that forecasts each window's mean.
 */
final class L1ForecastEvaluator implements Evaluator {

  private final WindowShape shape;
  private final Optional<ChannelScaler> scaler;
  private final double[] model = new double[4];
  private final double[] mean = new double[4];

  L1ForecastEvaluator(WindowShape shape, Optional<ChannelScaler> scaler) {
    this.shape = shape;
    this.scaler = scaler;
  }

  @Override
  public void add(EvaluationBatch batch) {
    int channels = shape.channels();
    for (int s = 0; s < batch.count(); s++) {
      for (int c = 0; c < channels; c++) {
        double windowMean = 0;
        for (int t = 0; t < shape.inputLength(); t++) {
          windowMean += batch.inputs()[s * shape.inputSize() + t * channels + c];
        }
        windowMean /= shape.inputLength();
        for (int t = 0; t < shape.targetLength(); t++) {
          int i = s * shape.targetSize() + t * channels + c;
          add(model, batch.predictions()[i], batch.targets()[i], c);
          add(mean, windowMean, batch.targets()[i], c);
        }
      }
    }
  }

  /** {@code [sum of absolute errors, their count, sum of sMAPE terms, their count]}. */
  private void add(double[] sums, double prediction, double truth, int channel) {
    sums[0] += Math.abs(prediction - truth);
    sums[1]++;
    double p = scaler.map(sc -> sc.inverse(prediction, channel)).orElse(prediction);
    double y = scaler.map(sc -> sc.inverse(truth, channel)).orElse(truth);
    double denominator = Math.abs(p) + Math.abs(y);
    if (denominator > 0) {
      sums[2] += 200 * Math.abs(p - y) / denominator;
      sums[3]++;
    }
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("smape", model[2] / model[3]);
    metrics.put("mae", model[0] / model[1]);
    metrics.put(L1ForecastHead.MEAN.key("smape"), mean[2] / mean[3]);
    metrics.put(L1ForecastHead.MEAN.key("mae"), mean[0] / mean[1]);
    return metrics;
  }
}
