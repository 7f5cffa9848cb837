package io.tsllm.seismic.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.DataException;
import io.tsllm.spi.RecordChannel;
import io.tsllm.spi.RecordReader;
import io.tsllm.spi.SampleStream;
import io.tsllm.spi.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's readers and writer through the SPI: found by ServiceLoader, SEED matching, their options. */
class SeismicRecordPluginsTest {

  @TempDir Path temp;

  @Test
  void theReadersAndTheWriterAreFoundByServiceLoader() {
    // Core's own csv reader and writer are on the test class path too.
    List<String> readers = ServiceLoader.load(RecordReader.class).stream()
        .filter(p -> p.type().getPackageName().startsWith("io.tsllm.seismic")).map(p -> p.get().name()).toList();
    List<String> writers = ServiceLoader.load(TraceWriter.class).stream()
        .filter(p -> p.type().getPackageName().startsWith("io.tsllm.seismic")).map(p -> p.get().name()).toList();
    assertEquals(List.of("miniseed", "sac"), readers);
    assertEquals(List.of("miniseed"), writers);
  }

  @Test
  void aModelChannelMatchesTheSeedCodeEndingInIt() {
    MiniSeedReader reader = new MiniSeedReader();
    RecordChannel hhz = channel("XX.ABC.00.HHZ");
    assertTrue(reader.matches(hhz, "Z"));
    assertTrue(reader.matches(hhz, "hz"));
    assertFalse(reader.matches(hhz, "N"));
    assertFalse(reader.matches(channel("XX.ABC.00.HHE"), "Z"));
    assertTrue(reader.accepts(Path.of("day.MSEED")) && reader.accepts(Path.of("a.ms")));
    assertFalse(reader.accepts(Path.of("a.sac")));
  }

  @Test
  void gapsAreFilledByDefaultAndRefusedWhenAsked() {
    Path file = Path.of("../../configs/data/seismic/gaps.mseed");
    MiniSeedReader reader = new MiniSeedReader();
    MiniSeedReaderOptions fail = new MiniSeedReaderOptions("fail");
    RecordChannel channel = reader.channels(file, fail).get(0);
    try (SampleStream stream = reader.open(channel, fail)) {
      DataException e = assertThrows(DataException.class, () -> stream.read(new float[100_000], 0, 100_000));
      assertTrue(e.getMessage().contains("gaps.mseed, record 2 (BW.BGLD..EHE)") && e.getMessage().contains("a gap")
          && e.getMessage().contains("gaps=zero"), e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    ConfigProblems collect = (field, value, expected) -> problems.add(field + "=" + value + ": " + expected);
    new MiniSeedReaderOptions("skip").validate(collect);
    assertEquals(List.of("gaps=skip: one of [zero, fail]"), problems);
  }

  @Test
  void theWriterWritesRecordsOfTheLengthAsked() throws Exception {
    Path file = temp.resolve("p.mseed");
    Instant start = Instant.parse("2026-01-02T03:04:05.120Z");
    int samples = 1000;
    try (TraceWriter.TraceSink sink = new MiniSeedTraceWriter().open(file, "XX.ABC.00", List.of("P", "detection"),
        start, 50, new MiniSeedWriterOptions(512))) {
      for (int t = 0; t < samples; t++) {
        sink.accept(t, new float[] {t / 1000f, 1 - t / 1000f});
      }
    }
    // (512 - 64) / 4 = 112 samples a record: 9 records per channel.
    assertEquals(2 * 9 * 512, Files.size(file));
    MiniSeedReader reader = new MiniSeedReader();
    List<RecordChannel> channels = reader.channels(file, new MiniSeedReaderOptions(null));
    assertEquals(List.of("XX.ABC.00.P", "XX.ABC.00.DET"), channels.stream().map(RecordChannel::id).toList());
    assertEquals(start, channels.get(1).start());
    try (SampleStream det = reader.open(channels.get(1), new MiniSeedReaderOptions(null))) {
      float[] read = new float[samples];
      int n = 0;
      int got;
      while ((got = det.read(read, n, samples - n)) > 0) {
        n += got;
      }
      assertEquals(samples, n);
      assertEquals(1 - 999 / 1000f, read[999]);
    }
    List<String> problems = new ArrayList<>();
    new MiniSeedWriterOptions(1000).validate((field, value, expected) -> problems.add(field + ": " + expected));
    assertEquals(List.of("record_length: a power of two from 256 to 8192"), problems);
  }

  private static RecordChannel channel(String id) {
    return new RecordChannel(Path.of("x.mseed"), id, "XX.ABC.00", Instant.EPOCH, 100, java.util.OptionalLong.empty());
  }
}
