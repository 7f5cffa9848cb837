package io.tsllm.core.serve.streaming;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/** {@code predict --reader-option} for CSV series. */
public record CsvReaderOptions(
    @JsonPropertyDescription("The timestamp column: the first row's time is the record's start, the first two"
        + " rows' spacing its rate; every other column is a channel")
    String dateColumn,
    @JsonPropertyDescription("Samples per second, when the file has no timestamp column or its rows are to be"
        + " taken at another rate (times then count from the first row, or from 1970-01-01T00:00:00Z without"
        + " timestamps)")
    Double rate) implements PluginConfig {

  public CsvReaderOptions {
    dateColumn = dateColumn == null ? "date" : dateColumn;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(rate == null || rate > 0 && Double.isFinite(rate), "rate", rate, "samples per second > 0");
  }
}
