package io.tsllm.core.serve.streaming;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/** {@code predict --writer-option} for CSV traces. */
public record CsvTraceWriterOptions(
    @JsonPropertyDescription("Decimal places of each value; absent for the shortest text that reads back as the"
        + " same float")
    Integer decimals) implements PluginConfig {

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(decimals == null || decimals >= 0 && decimals <= 9, "decimals", decimals, "0 to 9");
  }
}
