package io.tsllm.seismic.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.RecordChannel;
import io.tsllm.spi.SampleStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MiniSEED read by the plugin and by libmseed, the reference library: the same samples, start time and gaps. The
 * references are libmseed's own reading of each file (tools/libmseed_fixtures.sh: Steim1, Steim2, int32 and float32
 * records packed by sac2mseed from a real SAC record, and the real record gaps.mseed with a gap after every record).
 */
class LibmseedAgreementTest {

  static final Path FIXTURES = Path.of("src/test/resources/libmseed");
  static final Path SEISMIC = Path.of("../../configs/data/seismic").toAbsolutePath().normalize();

  /** One data record as libmseed read it. */
  record LibmseedRecord(String id, Instant start, double rate, int encoding, int count) {}

  @ParameterizedTest
  @CsvSource({"seism-steim1, 10", "seism-steim2, 11", "seism-int32, 3", "seism-float32, 4", "gaps, 10"})
  void samplesStartAndGapsAreLibmseeds(String name, int encoding) throws Exception {
    Path file = name.equals("gaps") ? SEISMIC.resolve("gaps.mseed") : FIXTURES.resolve(name + ".mseed");
    List<LibmseedRecord> records = Files.readAllLines(FIXTURES.resolve(name + ".records.csv")).stream().skip(1)
        .map(line -> line.split(",")).map(f -> new LibmseedRecord(f[0], Instant.parse(f[1]),
            Double.parseDouble(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]))).toList();
    float[] values = toFloats(Files.readAllLines(FIXTURES.resolve(name + ".samples.txt")));
    assertTrue(records.stream().allMatch(r -> r.encoding() == encoding), name + " holds encoding " + encoding);

    // libmseed's records laid out on the channel's time axis from its first record; what lies between them is gap.
    LibmseedRecord first = records.get(0);
    double rate = first.rate();
    LibmseedRecord last = records.get(records.size() - 1);
    int length = (int) (offset(first, last, rate) + last.count());
    float[] expected = new float[length];
    int at = 0;
    for (LibmseedRecord record : records) {
      System.arraycopy(values, at, expected, (int) offset(first, record, rate), record.count());
      at += record.count();
    }
    assertEquals(values.length, at, "every dumped sample belongs to a record");

    MiniSeedReader reader = new MiniSeedReader();
    MiniSeedReaderOptions options = new MiniSeedReaderOptions(null);
    List<RecordChannel> channels = reader.channels(file, options);
    assertEquals(1, channels.size());
    RecordChannel channel = channels.get(0);
    assertEquals(first.id(), channel.id());
    assertEquals(rate, channel.rate(), 0);
    // MiniSEED 2 times are in 1/10000 s; libmseed prints them in microseconds.
    assertTrue(Math.abs(Duration.between(first.start(), channel.start()).toNanos()) <= 100_000,
        channel.start() + " vs libmseed's " + first.start());
    try (SampleStream stream = reader.open(channel, options)) {
      float[] read = new float[length + 10];
      int n;
      int total = 0;
      while ((n = stream.read(read, total, 333)) > 0) {
        total += n;
      }
      assertEquals(length, total);
      for (int t = 0; t < length; t++) {
        assertEquals(expected[t], read[t], 0, name + " sample " + t);
      }
      assertEquals(length - values.length, stream.gapSamples(), "samples of gap");
    }
    if (name.equals("gaps")) {
      assertTrue(length > values.length, "gaps.mseed has gaps");
    }
  }

  @org.junit.jupiter.api.Test
  void aSacFileWrittenByMseed2sacHoldsLibmseedsSamples() throws Exception {
    float[] values = toFloats(Files.readAllLines(FIXTURES.resolve("seism-steim2.samples.txt")));
    Instant start = Instant.parse(Files.readAllLines(FIXTURES.resolve("seism-steim2.records.csv")).get(1)
        .split(",")[1]);
    SacReader reader = new SacReader();
    RecordChannel channel = reader.channels(FIXTURES.resolve("seism-steim2.sac"), new SacReaderOptions()).get(0);
    assertEquals("XX.CDV.00.Q", channel.id());
    assertEquals(java.util.OptionalLong.of(values.length), channel.samples());
    assertTrue(Math.abs(Duration.between(start, channel.start()).toNanos()) <= 1_000_000,
        channel.start() + " vs libmseed's " + start);
    try (SampleStream stream = reader.open(channel, new SacReaderOptions())) {
      float[] read = new float[values.length + 1];
      assertEquals(values.length, stream.read(read, 0, read.length));
      for (int t = 0; t < values.length; t++) {
        assertEquals(values[t], read[t], 0, "sample " + t);
      }
    }
  }

  /** Samples from {@code first}'s start to {@code record}'s. */
  private static long offset(LibmseedRecord first, LibmseedRecord record, double rate) {
    return Math.round(Duration.between(first.start(), record.start()).toNanos() / 1e9 * rate);
  }

  private static float[] toFloats(List<String> lines) {
    float[] values = new float[lines.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.parseFloat(lines.get(i));
    }
    return values;
  }
}
