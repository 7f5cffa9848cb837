package io.tsllm.seismic.record;

import io.tsllm.spi.TraceWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Traces as MiniSEED (.mseed, .miniseed, .ms), one channel per trace at the station the record came from: each
 * trace's channel code is its name upper-cased, at most three characters ({@code P}, {@code S}, {@code DET} for
 * {@code detection}), so that SeisBench's and ObsPy's tools read the probabilities as waveforms.
 */
public final class MiniSeedTraceWriter implements TraceWriter<MiniSeedWriterOptions> {

  @Override
  public String name() {
    return "miniseed";
  }

  @Override
  public Class<MiniSeedWriterOptions> configType() {
    return MiniSeedWriterOptions.class;
  }

  @Override
  public String description() {
    return "traces as MiniSEED float32 channels (.mseed, .miniseed, .ms) named after the outputs: P, S, DET";
  }

  @Override
  public boolean accepts(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".mseed") || name.endsWith(".miniseed") || name.endsWith(".ms");
  }

  @Override
  public TraceSink open(Path file, String source, List<String> names, Instant start, double rate,
      MiniSeedWriterOptions options) {
    return new ProbabilityMiniSeed(file, source, names.stream().map(MiniSeedTraceWriter::code).toList(), start, rate,
        options.recordLength());
  }

  /** A MiniSEED channel code (at most three characters) for an output name. */
  static String code(String name) {
    String upper = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    return upper.length() <= 3 ? upper : upper.substring(0, 3);
  }
}
