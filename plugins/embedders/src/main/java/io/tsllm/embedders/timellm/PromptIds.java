package io.tsllm.embedders.timellm;

import io.tsllm.spi.HostInput;

/**
 * The host input {@code prompt_ids}: for each window and channel, Time-LLM's prompt with that channel's statistics,
 * tokenized to {@code length} ids.
 */
final class PromptIds implements HostInput {

  static final String NAME = "prompt_ids";

  private final TimeLlmPrompt prompt;
  private final PromptTokenizer tokenizer;
  private final int inputLength;
  private final int channels;
  private final int topLags;

  PromptIds(TimeLlmPrompt prompt, PromptTokenizer tokenizer, int inputLength, int channels, int topLags) {
    this.prompt = prompt;
    this.tokenizer = tokenizer;
    this.inputLength = inputLength;
    this.channels = channels;
    this.topLags = topLags;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int rowsPerWindow() {
    return channels;
  }

  @Override
  public int width() {
    return tokenizer.length();
  }

  @Override
  public int[] compute(float[] windows, int count) {
    int width = width();
    int[] ids = new int[count * channels * width];
    float[] series = new float[inputLength];
    for (int w = 0; w < count; w++) {
      for (int c = 0; c < channels; c++) {
        for (int t = 0; t < inputLength; t++) {
          series[t] = windows[(w * inputLength + t) * channels + c];
        }
        int[] row = tokenizer.ids(text(series));
        System.arraycopy(row, 0, ids, (w * channels + c) * width, width);
      }
    }
    return ids;
  }

  /** The prompt of one channel of one window. */
  String text(float[] series) {
    return prompt.text(PromptStatistics.of(series, topLags));
  }
}
