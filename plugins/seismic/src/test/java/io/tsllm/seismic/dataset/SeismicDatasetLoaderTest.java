package io.tsllm.seismic.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.TargetKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeismicDatasetLoaderTest {

  static final Path SEISMIC = Path.of("../../configs/data/seismic").toAbsolutePath().normalize();
  static final String CER = "2005-07-23-1452-04S.CER___030.mseed";

  private static SeismicDatasetConfig config(List<String> files, List<String> channels, String gaps,
      Map<String, String> picks, int length) {
    return new SeismicDatasetConfig(files.stream().map(f -> SEISMIC.resolve(f).toString()).toList(), channels, gaps,
        picks, 5.0, length, null, null, null, false);
  }

  private static Dataset load(SeismicDatasetConfig config) {
    return new SeismicDatasetLoader().load(config, Path::of);
  }

  @Test
  void aMiniSeedFileWithThreeChannelsIsOneSeries() {
    Dataset data = load(config(List.of(CER), null, null, null, 300));
    assertEquals(List.of(".CER.00.BHE", ".CER.00.BHN", ".CER.00.BHZ"), data.shape().channelNames().stream().sorted()
        .toList());
    assertEquals(TargetKind.NONE, data.shape().targetKind());
    assertEquals(10650, data.describe().get("samples"));
    assertEquals(150.0, data.describe().get("sample_rate"));
    // 7455 / 1065 / 2130 samples in windows of 300 that tile each split.
    assertEquals(24, data.train().size());
    assertEquals(3, data.validation().size());
    assertEquals(7, data.test().size());
  }

  @Test
  void recordsAreJoinedInTimeOrderWhateverTheirOrderInTheFile(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    byte[] bytes = java.nio.file.Files.readAllBytes(SEISMIC.resolve(CER));
    int record = 4096;  // the file's nine records, three per channel
    byte[] reversed = new byte[bytes.length];
    for (int r = 0; r < bytes.length / record; r++) {
      System.arraycopy(bytes, r * record, reversed, bytes.length - (r + 1) * record, record);
    }
    Path shuffled = java.nio.file.Files.write(dir.resolve("reversed.mseed"), reversed);
    Dataset original = load(config(List.of(CER), List.of("BHZ"), null, null, 300));
    Dataset fromReversed = new SeismicDatasetLoader().load(new SeismicDatasetConfig(List.of(shuffled.toString()),
        List.of("BHZ"), null, null, 5.0, 300, null, null, null, false), Path::of);
    float[] a = new float[300];
    float[] b = new float[300];
    for (int w = 0; w < original.train().size(); w++) {
      original.train().copyInput(w, a, 0);
      fromReversed.train().copyInput(w, b, 0);
      org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, "window " + w);
    }
  }

  @Test
  void channelsAreChosenByTheirLastCodesInTheGivenOrder() {
    Dataset data = load(config(List.of(CER), List.of("BHZ", "00.BHN"), null, null, 300));
    assertEquals(List.of(".CER.00.BHZ", ".CER.00.BHN"), data.shape().channelNames());
    DataException e = assertThrows(DataException.class,
        () -> load(config(List.of(CER), List.of("HHZ"), null, null, 300)));
    assertTrue(e.getMessage().contains("no channel matches 'HHZ'") && e.getMessage().contains(".CER.00.BHZ"),
        e.getMessage());
    e = assertThrows(DataException.class,
        () -> load(config(List.of("dataselect_example_wildcards.mseed"), List.of("BHZ"), null, null, 100)));
    assertTrue(e.getMessage().contains("matches several channels"), e.getMessage());
  }

  @Test
  void tracesOfDifferentSampleRatesAreRefusedNotResampled() {
    DataException e = assertThrows(DataException.class,
        () -> load(config(List.of(CER, "IU_ULN_00_LH1_2015-07-18T02.mseed"), null, null, null, 300)));
    assertTrue(e.getMessage().contains("samples/s") && e.getMessage().contains("not resampled"), e.getMessage());
    e = assertThrows(DataException.class, () -> load(config(List.of("seism.sac", "test.sac"), null, null, null, 50)));
    assertTrue(e.getMessage().contains("test.sac") && e.getMessage().contains("1.0 samples/s"), e.getMessage());
  }

  @Test
  void sacFilesAreReadWithTheirHeaderTimes() {
    Dataset data = load(config(List.of("seism.sac"), null, null, null, 100));
    assertEquals(1000, data.describe().get("samples"));
    assertEquals(100.0, (double) data.describe().get("sample_rate"), 1e-3);
    // Reference time 1981, day 88, 10:38:14 plus b = 9.46 s (a float in the header).
    long offMicros = java.time.Duration.between(java.time.Instant.parse("1981-03-29T10:38:23.460Z"),
        java.time.Instant.parse((String) data.describe().get("start"))).toNanos() / 1000;
    assertTrue(Math.abs(offMicros) < 10, "start within 10 us of the header's time: " + offMicros);
  }

  @Test
  void gapsFailUnlessAskedToBeFilled() {
    DataException e = assertThrows(DataException.class,
        () -> load(config(List.of("gaps.mseed"), null, null, null, 400)));
    assertTrue(e.getMessage().contains("record 2 (BW.BGLD..EHE)") && e.getMessage().contains("data.gaps"),
        e.getMessage());
    Dataset zero = load(config(List.of("gaps.mseed"), null, "zero", null, 400));
    assertTrue((int) zero.describe().get("samples") > 52728, "gaps filled beyond the records' own samples");
  }

  @Test
  void damagedFilesNameTheRecord() {
    DataException broken = assertThrows(DataException.class,
        () -> load(config(List.of("brokenlastrecord.mseed"), null, null, null, 100)));
    assertTrue(broken.getMessage().contains("record 2") && broken.getMessage().contains("not a valid MiniSEED"),
        broken.getMessage());
    DataException extra = assertThrows(DataException.class,
        () -> load(config(List.of("corrupt_one_extra_byte_at_end.mseed"), null, null, null, 100)));
    assertTrue(extra.getMessage().contains("record 2") && extra.getMessage().contains("truncated"),
        extra.getMessage());
    DataException missing = assertThrows(DataException.class,
        () -> load(config(List.of("absent.mseed"), null, null, null, 100)));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }

  @Test
  void picksBecomeGaussianLabelsAtTheirSample() {
    // 14:52:10 is 6 s after the record's start: sample 900 of 150 Hz, in the train split's fourth window of 300.
    Dataset data = load(config(List.of(CER), List.of("BHZ"), null, Map.of("P", "2005-07-23T14:52:10Z"), 300));
    assertEquals(TargetKind.STEP_LABELS, data.shape().targetKind());
    assertEquals(List.of("P"), data.shape().targetNames());
    float[] labels = new float[300];
    data.train().copyTarget(3, labels, 0);
    assertEquals(1f, labels[0], 1e-6, "the pick's sample");
    assertEquals(Math.exp(-1 / 50.0), labels[1], 1e-6, "sigma 5: one sample off");
    data.train().copyTarget(5, labels, 0);
    assertEquals(0f, labels[150], 1e-6, "far from the pick");
  }
}
