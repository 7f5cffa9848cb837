package io.tsllm.core.train;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.Head;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import java.util.Map;
import java.util.Optional;

/** The head's evaluators for one run: fresh ones for each validation pass, the calibrator, the test evaluator. */
public final class TaskEvaluators {

  private final Head<PluginConfig> head;
  private final PluginConfig config;
  private final WindowShape shape;
  private final Optional<ChannelScaler> scaler;

  public TaskEvaluators(Head<PluginConfig> head, PluginConfig config, WindowShape shape,
      Optional<ChannelScaler> scaler) {
    this.head = head;
    this.config = config;
    this.shape = shape;
    this.scaler = scaler;
  }

  public Evaluator validation() {
    return head.evaluator(config, shape, scaler);
  }

  /** Runs over the training split after training, when the head asks for it. */
  public Optional<Evaluator> calibrator() {
    return head.calibrator(config, shape);
  }

  public Evaluator test(Map<String, Double> calibration) {
    return head.evaluator(config, shape, scaler, calibration);
  }
}
