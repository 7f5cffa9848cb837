package io.tsllm.heads.impute;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.WindowShape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.moment.Mean;

/**
 * MSE and MAE over the hidden points only (the protocol of GPT4TS and Time-Series-Library), on the scaled data;
 * beside two baselines on the same points: zero imputation ({@code naive_}, the training mean after scaling) and
 * linear interpolation between the nearest observed steps of the channel ({@code interp_}).
 */
final class ImputeEvaluator implements Evaluator {

  private final WindowShape shape;
  private final Mean[] model = {new Mean(), new Mean()};
  private final Mean[] zero = {new Mean(), new Mean()};
  private final Mean[] interpolated = {new Mean(), new Mean()};

  ImputeEvaluator(WindowShape shape) {
    this.shape = shape;
  }

  @Override
  public void add(EvaluationBatch batch) {
    float[] mask = batch.output(ImputeHead.MASK);
    float[] x = batch.inputs();
    int length = shape.inputLength();
    int channels = shape.channels();
    for (int s = 0; s < batch.count(); s++) {
      int base = s * shape.inputSize();
      for (int c = 0; c < channels; c++) {
        for (int t = 0; t < length; t++) {
          int i = base + t * channels + c;
          if (mask[i] < 0.5f) {
            continue;
          }
          add(model, batch.predictions()[i], x[i]);
          add(zero, 0, x[i]);
          add(interpolated, interpolate(x, mask, base, t, c), x[i]);
        }
      }
    }
  }

  /** Linear between the nearest observed steps before and after {@code t}; the nearer one at an edge; else 0. */
  private double interpolate(float[] x, float[] mask, int base, int t, int c) {
    int channels = shape.channels();
    int before = t - 1;
    while (before >= 0 && mask[base + before * channels + c] > 0.5f) {
      before--;
    }
    int after = t + 1;
    while (after < shape.inputLength() && mask[base + after * channels + c] > 0.5f) {
      after++;
    }
    boolean hasBefore = before >= 0;
    boolean hasAfter = after < shape.inputLength();
    if (hasBefore && hasAfter) {
      double a = x[base + before * channels + c];
      double b = x[base + after * channels + c];
      return a + (b - a) * (t - before) / (after - before);
    }
    if (hasBefore) {
      return x[base + before * channels + c];
    }
    return hasAfter ? x[base + after * channels + c] : 0;
  }

  private static void add(Mean[] means, double prediction, double truth) {
    double error = prediction - truth;
    means[0].increment(error * error);
    means[1].increment(Math.abs(error));
  }

  /** NaN everywhere when no point was hidden (a served model hides only the NaN points its caller leaves). */
  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("mse", model[0].getResult());
    metrics.put("mae", model[1].getResult());
    metrics.put("masked_points", model[0].getN() == 0 ? Double.NaN : model[0].getN());
    metrics.put("naive_mse", zero[0].getResult());
    metrics.put("naive_mae", zero[1].getResult());
    metrics.put("interp_mse", interpolated[0].getResult());
    metrics.put("interp_mae", interpolated[1].getResult());
    return metrics;
  }
}
