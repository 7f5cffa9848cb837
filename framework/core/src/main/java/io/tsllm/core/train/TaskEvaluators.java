package io.tsllm.core.train;

import io.tsllm.core.UserInputException;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.Head;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.MetricSpec.Direction;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import java.util.Map;
import java.util.Optional;

/**
 * The head's evaluators for one run (fresh ones for each validation pass, the calibrator, the test evaluator) and
 * what the head declared about their metrics.
 */
public final class TaskEvaluators {

  /** The monitor that picks the best epoch by the validation loss. */
  public static final String LOSS = "loss";

  private final Head<PluginConfig> head;
  private final PluginConfig config;
  private final WindowShape shape;
  private final Optional<ChannelScaler> scaler;
  private final HeadContract contract;

  public TaskEvaluators(Head<PluginConfig> head, PluginConfig config, WindowShape shape,
      Optional<ChannelScaler> scaler, HeadContract contract) {
    this.head = head;
    this.config = config;
    this.shape = shape;
    this.scaler = scaler;
    this.contract = contract;
  }

  public Evaluator validation() {
    return head.evaluator(config, shape, scaler, Map.of());
  }

  /** Runs over the training split after training, when the head asks for it. */
  public Optional<Evaluator> calibrator() {
    return head.calibrator(config, shape);
  }

  public Evaluator test(Map<String, Double> calibration) {
    return head.evaluator(config, shape, scaler, calibration);
  }

  public HeadContract contract() {
    return contract;
  }

  /**
   * Which way the monitored score improves: down for the loss, as declared for a head's metric.
   *
   * @throws UserInputException when the head declares no such metric
   */
  public Direction direction(String monitor) {
    if (LOSS.equals(monitor)) {
      return Direction.LOWER_IS_BETTER;
    }
    return contract.metric(monitor).map(MetricSpec::direction).orElseThrow(() -> new UserInputException(
        "training.monitor: \"" + monitor + "\" (expected \"" + LOSS + "\" or one of the head's declared metrics "
            + contract.metrics().stream().map(MetricSpec::name).toList() + ")"));
  }
}
