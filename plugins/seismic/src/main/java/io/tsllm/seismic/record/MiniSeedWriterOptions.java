package io.tsllm.seismic.record;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/** {@code predict --writer-option} for MiniSEED traces. */
public record MiniSeedWriterOptions(
    @JsonPropertyDescription("Bytes per MiniSEED record, a power of two from 256 to 8192 (512 for SeedLink"
        + " servers, 4096 as data centres archive)")
    Integer recordLength) implements PluginConfig {

  public MiniSeedWriterOptions {
    recordLength = recordLength == null ? ProbabilityMiniSeed.RECORD_LENGTH : recordLength;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(recordLength >= 256 && recordLength <= 8192 && Integer.bitCount(recordLength) == 1,
        "record_length", recordLength, "a power of two from 256 to 8192");
  }
}
