package io.tsllm.core.serve.picking;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The stitched probabilities as MiniSEED when asked for ({@link ProbabilityMiniSeed}), else nothing. */
final class ProbabilityTraces implements AutoCloseable {

  private final ProbabilityMiniSeed writer;

  /** @param names each trace's name; its channel code is the name upper-cased, {@code detection} as DET */
  ProbabilityTraces(Optional<Path> file, String station, List<String> names, Instant start, double rate) {
    List<String> codes = names.stream().map(ProbabilityTraces::code).toList();
    this.writer = file.map(f -> new ProbabilityMiniSeed(f, station, codes, start, rate)).orElse(null);
  }

  /** A MiniSEED channel code (at most three characters) for an output name. */
  static String code(String name) {
    String upper = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    return upper.length() <= 3 ? upper : upper.substring(0, 3);
  }

  void accept(long index, float[] values) {
    if (writer != null) {
      writer.accept(index, values);
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
  }
}
