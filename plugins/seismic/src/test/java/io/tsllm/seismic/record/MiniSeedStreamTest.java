package io.tsllm.seismic.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.DataException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming MiniSEED and SAC records: exact round trips, real files with gaps, and damaged files named. */
class MiniSeedStreamTest {

  static final Path SEISMIC = Path.of("../../configs/data/seismic").toAbsolutePath().normalize();

  @TempDir Path temp;

  @Test
  void aWrittenRecordStreamsBackExactlyInSmallReads() {
    int samples = 5_000;   // 4 full records per channel and a partial one
    float[][] record = new float[samples][2];
    for (int t = 0; t < samples; t++) {
      record[t][0] = t;
      record[t][1] = -0.5f * t;
    }
    Path file = temp.resolve("two.mseed");
    Instant start = Instant.parse("2026-03-04T05:06:07.250Z");
    RecordFiles.writeMiniSeed(file, "XX.ABC.00", List.of("HHE", "HHZ"), start, 100, record, 1);
    var channels = MiniSeedStream.channels(file);
    assertEquals(List.of("XX.ABC.00.HHE", "XX.ABC.00.HHZ"), List.copyOf(channels.keySet()));
    assertEquals(start, channels.get("XX.ABC.00.HHZ").start());
    try (MiniSeedStream z = MiniSeedStream.open(file, "XX.ABC.00.HHZ", channels.get("XX.ABC.00.HHZ"),
        false)) {
      float[] buffer = new float[samples + 10];
      int read = 0;
      int n;
      while ((n = z.read(buffer, read, 333)) > 0) {
        read += n;
      }
      assertEquals(samples, read);
      for (int t = 0; t < samples; t++) {
        assertEquals(-0.5f * t, buffer[t]);
      }
      assertEquals(-1, z.read(buffer, 0, 10));
      assertEquals(0, z.gapSamples());
    }
  }

  @Test
  void gapsInARealRecordAreFilledAndCounted() {
    Path file = SEISMIC.resolve("gaps.mseed");
    var channels = MiniSeedStream.channels(file);
    String id = channels.keySet().iterator().next();
    try (MiniSeedStream stream = MiniSeedStream.open(file, id, channels.get(id), false)) {
      float[] buffer = new float[1 << 16];
      long total = 0;
      int n;
      while ((n = stream.read(buffer, 0, buffer.length)) > 0) {
        total += n;
      }
      assertTrue(stream.gapSamples() > 0, "gaps.mseed has gaps");
      assertTrue(total > stream.gapSamples(), total + " samples, " + stream.gapSamples() + " of them gaps");
    }
  }

  @Test
  void damagedFilesAreRefusedWithTheirRecord() {
    DataException e = assertThrows(DataException.class,
        () -> MiniSeedStream.channels(SEISMIC.resolve("corrupt_one_extra_byte_at_end.mseed")));
    assertTrue(e.getMessage().contains("corrupt_one_extra_byte_at_end.mseed"), e.getMessage());
  }

  @Test
  void aSacFileStreamsItsSamples() {
    try (SacStream sac = SacStream.open(SEISMIC.resolve("seism.sac"))) {
      float[] buffer = new float[100_000];
      int n = sac.read(buffer, 0, buffer.length);
      assertTrue(n > 0 && sac.rate() > 0, n + " samples at " + sac.rate());
      assertEquals(-1, sac.read(buffer, 0, 1));
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "340, 2, 'iftype 2 (a spectrum, real and imaginary)'", "340, 4, 'iftype 4 (general x-y data)'",
      "420, 0, 'leven 0: the samples are unevenly spaced'"})
  void aSacFileThatIsNotAnEvenlySampledTimeSeriesIsRefused(int offset, int value, String expected) throws Exception {
    // The header's int words: IFTYPE is word 85, LEVEN word 105 (bytes 340 and 420); NVHDR (word 76) is 6 in the
    // file's own byte order.
    byte[] bytes = java.nio.file.Files.readAllBytes(SEISMIC.resolve("seism.sac"));
    java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    if (header.getInt(304) != 6) {
      header.order(java.nio.ByteOrder.BIG_ENDIAN);
    }
    assertEquals(6, header.getInt(304), "NVHDR");
    header.putInt(offset, value);
    Path file = java.nio.file.Files.write(temp.resolve("changed.sac"), bytes);
    DataException e = assertThrows(DataException.class, () -> SacStream.open(file).close());
    assertTrue(e.getMessage().contains("changed.sac, header") && e.getMessage().contains(expected), e.getMessage());
  }
}
