package io.tsllm.seismic.record;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Continuous records for tests: written as float32 MiniSEED, their channels read back. */
public final class RecordFiles {

  private RecordFiles() {}

  /** Writes {@code record} {@code [samples, channels]} times {@code scale} as MiniSEED channels of {@code station}. */
  public static void writeMiniSeed(Path file, String station, List<String> channels, Instant start, double rate,
      float[][] record, float scale) {
    try (ProbabilityMiniSeed writer = new ProbabilityMiniSeed(file, station, channels, start, rate)) {
      float[] sample = new float[channels.size()];
      for (int t = 0; t < record.length; t++) {
        for (int c = 0; c < sample.length; c++) {
          sample[c] = record[t][c] * scale;
        }
        writer.accept(t, sample);
      }
    }
  }

  /** The ids of a MiniSEED file's data channels, in the order they first appear. */
  public static List<String> channelIds(Path file) {
    return List.copyOf(MiniSeedStream.channels(file).keySet());
  }
}
