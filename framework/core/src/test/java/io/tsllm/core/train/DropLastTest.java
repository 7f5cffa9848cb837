package io.tsllm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.config.TrainingConfig;
import io.tsllm.spi.WindowSplit;
import org.junit.jupiter.api.Test;

/** drop_last as PyTorch's DataLoader: only whole batches, in training steps and evaluation passes. */
class DropLastTest {

  @Test
  void trainingTakesOnlyWholeBatches() throws Exception {
    // ETTh1 at input 336 and horizon 96: 8209 training windows.
    assertEquals(256, Trainer.stepsPerEpoch(8209, config("{\"batch_size\": 32, \"drop_last\": true}")));
    assertEquals(257, Trainer.stepsPerEpoch(8209, config("{\"batch_size\": 32}")));
    assertEquals(64, Trainer.stepsPerEpoch(8209, config("{\"batch_size\": 128, \"drop_last\": true}")));
    assertEquals(1, Trainer.stepsPerEpoch(20, config("{\"batch_size\": 32, \"drop_last\": true}")),
        "a split smaller than a batch still trains one step");
  }

  @Test
  void evaluationScoresTheLeadingWindowsOfWholeBatches() throws Exception {
    WindowSplit test = split(2785);
    TrainingConfig paper = config("{\"eval_batch_size\": 128, \"drop_last\": true}");
    WindowSplit evaluated = Trainer.evaluated(test, paper);
    assertEquals(2688, evaluated.size());
    float[] input = new float[1];
    evaluated.copyInput(2687, input, 0);
    assertEquals(2687f, input[0], "the same windows in the same order, the last ones left out");
    assertSame(test, Trainer.evaluated(test, config("{\"eval_batch_size\": 128}")), "the default scores all");
    WindowSplit small = split(100);
    assertSame(small, Trainer.evaluated(small, paper), "a split smaller than a batch is scored whole, not emptied");
  }

  private static TrainingConfig config(String json) throws Exception {
    return ConfigMapper.create().readValue(json, TrainingConfig.class);
  }

  private static WindowSplit split(int size) {
    return new WindowSplit() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public void copyInput(int index, float[] dest, int offset) {
        dest[offset] = index;
      }

      @Override
      public void copyTarget(int index, float[] dest, int offset) {
        dest[offset] = index;
      }
    };
  }
}
