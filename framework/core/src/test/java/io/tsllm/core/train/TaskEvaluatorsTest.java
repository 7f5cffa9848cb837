package io.tsllm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.core.UserInputException;
import io.tsllm.heads.classify.ClassifyHead;
import io.tsllm.heads.classify.ClassifyHeadConfig;
import io.tsllm.spi.Head;
import io.tsllm.spi.MetricSpec.Direction;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskEvaluatorsTest {

  @SuppressWarnings("unchecked")
  private static TaskEvaluators classifier() throws Exception {
    Head<PluginConfig> head = (Head<PluginConfig>) (Head<?>) new ClassifyHead();
    PluginConfig config = io.tsllm.core.Experiments.MAPPER.readValue("{}", ClassifyHeadConfig.class);
    WindowShape shape = new WindowShape(8, 1, 1, 1, List.of("x"), List.of("a", "b"));
    return new TaskEvaluators(head, config, shape, Optional.empty(), head.contract(config, shape));
  }

  @Test
  void theBestEpochFollowsTheMonitoredMetricsDeclaredDirection() throws Exception {
    TaskEvaluators evaluators = classifier();
    assertEquals(Direction.LOWER_IS_BETTER, evaluators.direction("loss"));
    assertEquals(Direction.HIGHER_IS_BETTER, evaluators.direction("accuracy"));
    assertTrue(evaluators.direction("accuracy").better(0.9, 0.8), "a higher accuracy is an improvement");
  }

  @Test
  void refusesAMonitorTheHeadDoesNotDeclare() throws Exception {
    UserInputException refused = assertThrows(UserInputException.class, () -> classifier().direction("mse"));
    assertTrue(refused.getMessage().startsWith("training.monitor: \"mse\"")
        && refused.getMessage().contains("[accuracy, macro_f1]"), refused.getMessage());
  }
}
