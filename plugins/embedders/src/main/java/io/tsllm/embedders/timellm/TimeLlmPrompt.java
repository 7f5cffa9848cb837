package io.tsllm.embedders.timellm;

import java.util.stream.Collectors;

/**
 * Time-LLM's prompt-as-prefix text for one channel of one window, word for word as its {@code forecast} writes it
 * (including the missing space after the description and the {@code <|<end_prompt>|>} marker).
 */
record TimeLlmPrompt(String description, int horizon, int inputLength) {

  String text(PromptStatistics stats) {
    String lags = stats.topLags().stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    return "<|start_prompt|>Dataset description: " + description
        + "Task description: forecast the next " + horizon + " steps given the previous " + inputLength
        + " steps information; "
        + "Input statistics: "
        + "min value " + PythonFloatText.of(stats.min()) + ", "
        + "max value " + PythonFloatText.of(stats.max()) + ", "
        + "median value " + PythonFloatText.of(stats.median()) + ", "
        + "the trend of input is " + (stats.upward() ? "upward" : "downward") + ", "
        + "top " + stats.topLags().size() + " lags are : " + lags + "<|<end_prompt>|>";
  }
}
