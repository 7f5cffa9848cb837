package io.tsllm.seismic.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.core.train.CpuFeatures;
import io.tsllm.datasets.hdf5.SyntheticStead;
import io.tsllm.seismic.record.MiniSeedTraceWriter;
import io.tsllm.seismic.record.MiniSeedWriterOptions;
import io.tsllm.spi.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Picking a day: a generated 24 h, three-component, 100 Hz MiniSEED record (8.64 million samples per channel, an
 * earthquake every 5 minutes) through a picking model of the demo's size (60 s windows), in a separate JVM limited
 * to a 256 MB heap (a day held in memory as floats would be 104 MB, as overlapping windows 207 MB); prints the
 * wall time and the process's peak RSS. Run: {@code mvn -Dbenchmarks -pl plugins/seismic test
 * -Dtest=PickingADayBenchmark}.
 */
@Tag("benchmark")
class PickingADayBenchmark {

  @TempDir Path temp;

  @Test
  void picksADayInBoundedMemory() throws Exception {
    Path model = trainSmallPicker();
    int hour = 360_000;
    Path day = temp.resolve("XX.DAY.mseed");
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    int events = 0;
    try (TraceWriter.TraceSink writer = new MiniSeedTraceWriter().open(day, "XX.DAY.00", List.of("HHE", "HHN", "HHZ"),
        start, 100, new MiniSeedWriterOptions(null))) {
      for (int h = 0; h < 24; h++) {
        int[] p = new int[12];
        for (int e = 0; e < p.length; e++) {
          p[e] = e * 30_000 + 5_000;
        }
        events += p.length;
        float[][] record = SyntheticStead.continuous(hour, p, new int[p.length], h);
        for (int t = 0; t < hour; t++) {
          writer.accept((long) h * hour + t, record[t]);
        }
      }
    }
    Path picks = temp.resolve("picks.csv");
    List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "peak RSS %M kB",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), "io.tsllm.core.cli.Main", "predict", "--model", model.toString(),
        "--input", day.toString(), "--output", picks.toString()));
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    int status = process.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(0, status, output);
    long lines = Files.lines(picks).count() - 1;
    String rss = output.lines().filter(l -> l.startsWith("peak RSS")).findFirst().orElse("peak RSS unknown");
    System.out.printf("picking a generated day (%d events, %.0f MB of MiniSEED) on %s: %.1f s wall, %s with"
        + " -Xmx256m; %d picks%n%s%n", events, Files.size(day) / 1e6, CpuFeatures.detect().model(), seconds, rss,
        lines, output.lines().filter(l -> l.startsWith("picked") || l.startsWith("wrote")).toList());
    assertTrue(lines > 0, "picks were written");
  }

  /** A picking model of the demo's size (60 s windows), trained for a minute: speed, not skill. */
  private Path trainSmallPicker() {
    return Pickers.train(temp, 200, 6000, new int[] {4, 2, 2, 1}, 256, 6, 0.3);
  }
}
