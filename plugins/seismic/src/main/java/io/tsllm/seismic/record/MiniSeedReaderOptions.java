package io.tsllm.seismic.record;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/** {@code predict --reader-option} for MiniSEED records. */
public record MiniSeedReaderOptions(
    @JsonPropertyDescription("A gap between a channel's records: zero (filled with zeros and counted, as SeisBench"
        + " fills them) or fail (refused, naming the record)")
    String gaps) implements PluginConfig {

  static final List<String> GAPS = List.of("zero", "fail");

  public MiniSeedReaderOptions {
    gaps = gaps == null ? "zero" : gaps;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(GAPS.contains(gaps), "gaps", gaps, "one of " + GAPS);
  }
}
