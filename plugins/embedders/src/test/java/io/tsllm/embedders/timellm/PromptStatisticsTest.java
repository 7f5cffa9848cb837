package io.tsllm.embedders.timellm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Time-LLM's prompt statistics for windows whose values are worked out by hand. */
class PromptStatisticsTest {

  /**
   * {@code 10 + [0, 2, 4, 2, 0, 2, 4, 2]}: mean 12, variance 2, so the normalized window is {@code a * [-1, 0, 1, 0,
   * -1, 0, 1, 0]} with {@code a = 2 / sqrt(2 + 1e-5)}. Min {@code -a}, max {@code a}; sorted {@code [-a, -a, 0, 0, 0,
   * 0, a, a]}, whose lower middle value (index 3) is 0; the first differences sum to the last minus the first value,
   * {@code 0 - (-a) > 0}: upward. Circular autocorrelation {@code 4a^2} at lags 0 and 4, {@code -4a^2} at 2 and 6,
   * 0 at the odd lags: the top five are 0 and 4, then the lowest tied zeros 1, 3, 5.
   */
  @Test
  void periodicWindowByHand() {
    float[] window = {10, 12, 14, 12, 10, 12, 14, 12};
    float a = (float) (2 / (float) Math.sqrt(2 + 1e-5));

    PromptStatistics stats = PromptStatistics.of(window, 5);

    assertEquals(-a, stats.min(), 1e-6);
    assertEquals(a, stats.max(), 1e-6);
    assertEquals(0f, stats.median(), 0);
    assertTrue(stats.upward());
    assertEquals(List.of(0, 4, 1, 3, 5), stats.topLags());
  }

  /**
   * {@code [5, 4, 3, 2, 1]}: mean 3, variance 2; normalized {@code b * [2, 1, 0, -1, -2]}, {@code b = 1 / sqrt(2 +
   * 1e-5)}. Odd count: the median is the middle value, 0; the trend {@code -4b} is downward; autocorrelation
   * {@code b^2 * [10, 0, -5, -5, 0]} at lags 0..4, so the top three are 0, then 1 and 4 (tied, lower first).
   */
  @Test
  void fallingWindowByHand() {
    PromptStatistics stats = PromptStatistics.of(new float[] {5, 4, 3, 2, 1}, 3);

    float b = (float) (1 / Math.sqrt(2 + 1e-5));
    assertEquals(-2 * b, stats.min(), 1e-6);
    assertEquals(2 * b, stats.max(), 1e-6);
    assertEquals(0f, stats.median(), 0);
    assertFalse(stats.upward());
    assertEquals(List.of(0, 1, 4), stats.topLags());
  }

  @Test
  void promptIsTimeLlmsTextWithTheStatistics() {
    PromptStatistics stats = new PromptStatistics(-1.7320508f, 0.1f, 0f, false, List.of(0, 24, 23, 1, 25));

    String text = new TimeLlmPrompt("The Electricity Transformer Temperature (ETT) is a crucial indicator in the "
        + "electric power long-term deployment.", 96, 512).text(stats);

    assertEquals("<|start_prompt|>Dataset description: The Electricity Transformer Temperature (ETT) is a crucial "
        + "indicator in the electric power long-term deployment.Task description: forecast the next 96 steps given "
        + "the previous 512 steps information; Input statistics: min value -1.7320507764816284, max value "
        + "0.10000000149011612, median value 0.0, the trend of input is downward, top 5 lags are : "
        + "[0, 24, 23, 1, 25]<|<end_prompt>|>", text);
  }
}
