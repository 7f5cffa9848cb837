package io.tsllm.seismic.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.core.cli.Main;
import io.tsllm.datasets.hdf5.SyntheticStead;
import io.tsllm.seismic.record.MiniSeedReader;
import io.tsllm.seismic.record.MiniSeedReaderOptions;
import io.tsllm.seismic.record.MiniSeedTraceWriter;
import io.tsllm.seismic.record.MiniSeedWriterOptions;
import io.tsllm.spi.RecordChannel;
import io.tsllm.spi.TraceWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} streaming a MiniSEED record through a picking model, as a user runs it: core's generic streaming
 * inference with this plugin's reader (found by ServiceLoader, channels matched by SEED code) and writer.
 */
class StreamingPickingTest {

  static final Instant START = Instant.parse("2026-01-02T03:04:05Z");
  @TempDir static Path shared;
  static Path run;

  @TempDir Path temp;

  @BeforeAll
  static void trainPicker() {
    run = Pickers.train(shared, 480, 2000, new int[] {4, 2, 2, 1}, 32, 10, 0.5);
  }

  @Test
  void aTenMinuteRecordInOtherUnitsIsPickedNearItsArrivals() throws Exception {
    int samples = 60_000;
    int[] p = {3_000, 9_500, 17_000, 26_000, 33_333, 41_000, 50_500, 57_000};
    float[][] record = SyntheticStead.continuous(samples, p, new int[p.length], 21);
    Path mseed = temp.resolve("XX.SYN.mseed");
    try (TraceWriter.TraceSink writer = new MiniSeedTraceWriter().open(mseed, "XX.SYN.00",
        List.of("HHE", "HHN", "HHZ"), START, 100, new MiniSeedWriterOptions(null))) {
      for (int t = 0; t < samples; t++) {
        writer.accept(t, new float[] {record[t][0] * 1000, record[t][1] * 1000, record[t][2] * 1000});
      }
    }
    Path picks = temp.resolve("picks.csv");
    Path traces = temp.resolve("probabilities.mseed");
    String out = predict(0, "--model", run.toString(), "--input", mseed.toString(), "--output", picks.toString(),
        "--traces", traces.toString(), "--writer-option", "record_length=512");
    assertTrue(out.startsWith("picked XX.SYN.00 [XX.SYN.00.HHE, XX.SYN.00.HHN, XX.SYN.00.HHZ] from "
        + START + " to 2026-01-02T03:14:05Z: 60000 samples in "), out);
    List<String> lines = Files.readAllLines(picks);
    assertEquals("station,phase,time,probability", lines.get(0));
    int found = 0;
    for (int arrival : p) {
      Instant time = START.plusMillis(arrival * 10L);
      found += lines.stream().skip(1).map(l -> l.split(",")).anyMatch(f -> f[0].equals("XX.SYN.00")
          && f[1].equals("P") && Math.abs(Duration.between(time, Instant.parse(f[2])).toMillis()) <= 500) ? 1 : 0;
    }
    assertTrue(found >= p.length / 2, found + " of " + p.length + " P arrivals picked within 0.5 s: " + lines);
    List<RecordChannel> written = new MiniSeedReader().channels(traces, new MiniSeedReaderOptions(null));
    assertEquals(List.of("XX.SYN.00.P", "XX.SYN.00.S", "XX.SYN.00.DET"),
        written.stream().map(RecordChannel::id).toList());
    assertEquals(0, Files.size(traces) % 512, "512-byte records, as asked");
  }

  @Test
  void aRecordWithAGapIsRefusedWhenTheReaderIsToldToAndEarlierPicksStay() throws Exception {
    Path gappy = temp.resolve("gappy.mseed");
    float[] sample = new float[3];
    try (TraceWriter.TraceSink writer = new MiniSeedTraceWriter().open(gappy, "XX.GAP.00",
        List.of("HHE", "HHN", "HHZ"), START, 100, new MiniSeedWriterOptions(512))) {
      for (int t = 0; t < 6000; t++) {
        writer.accept(t < 3000 ? t : t + 500, sample);   // 5 s missing after 30 s
      }
    }
    Path picks = Files.writeString(temp.resolve("picks.csv"), "earlier\n");
    String err = predict(2, "--model", run.toString(), "--input", gappy.toString(), "--output", picks.toString(),
        "--reader-option", "gaps=fail");
    assertTrue(err.contains("gappy.mseed, record ") && err.contains("a gap"), err);
    assertEquals("earlier\n", Files.readString(picks), "the earlier picks are left as they were");
    String filled = predict(0, "--model", run.toString(), "--input", gappy.toString(), "--output",
        picks.toString());
    assertTrue(filled.contains("note: 1500 samples, counted over all channels, were gaps"), filled);
  }

  /** Runs the CLI; its output, or its error output when {@code expected} is not 0. */
  private static String predict(int expected, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] command = new String[args.length + 1];
    command[0] = "predict";
    System.arraycopy(args, 0, command, 1, args.length);
    int code = Main.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), command);
    assertEquals(expected, code, out + "\n" + err);
    return expected == 0 ? out.toString() : err.toString();
  }
}
