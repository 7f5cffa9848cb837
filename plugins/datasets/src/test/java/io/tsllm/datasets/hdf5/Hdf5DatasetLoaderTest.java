package io.tsllm.datasets.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5DatasetLoaderTest {

  @TempDir static Path temp;
  static Path quakes;

  @BeforeAll
  static void write() {
    quakes = temp.resolve("quakes.h5");
    SyntheticQuakes.write(quakes, 50, 64, 7);
  }

  private static Hdf5DatasetConfig config(Path file, List<String> values, String labels, List<String> picks) {
    return new Hdf5DatasetConfig(file.toString(), "/waveforms", null, values, labels, null, picks, null,
        null, null, null, null, null, null, null, false, null);
  }

  private static Dataset load(Hdf5DatasetConfig config) {
    return new Hdf5DatasetLoader().load(config, Path::of);
  }

  @Test
  void regressionTargetsFollowTheirTraces() throws Exception {
    try (HdfFile hdf = new HdfFile(quakes)) {
      float[][][] waveforms = (float[][][]) hdf.getDatasetByPath("/waveforms").getData();
      double[] magnitude = (double[]) hdf.getDatasetByPath("/meta/magnitude").getData();
      Dataset data = load(config(quakes, List.of("/meta/magnitude"), null, null));
      assertEquals(TargetKind.VALUES, data.shape().targetKind());
      assertEquals(List.of("magnitude"), data.shape().targetNames());
      assertEquals(35 + 5 + 10, data.train().size() + data.validation().size() + data.test().size());
      assertEquals(35, data.train().size());
      Set<Integer> seen = new HashSet<>();
      float[] window = new float[64 * 3];
      float[] target = new float[1];
      for (var split : List.of(data.train(), data.validation(), data.test())) {
        for (int i = 0; i < split.size(); i++) {
          split.copyInput(i, window, 0);
          split.copyTarget(i, target, 0);
          int trace = find(waveforms, window);
          assertTrue(seen.add(trace), "every trace in exactly one split");
          assertEquals((float) magnitude[trace], target[0]);
        }
      }
      assertEquals(50, seen.size());
      ((AutoCloseable) data).close();
    }
  }

  private static int find(float[][][] waveforms, float[] window) {
    for (int n = 0; n < waveforms.length; n++) {
      if (waveforms[n][0][0] == window[0] && waveforms[n][63][2] == window[63 * 3 + 2]) {
        return n;
      }
    }
    throw new AssertionError("window not found among the traces");
  }

  @Test
  void picksFromAnAttributeAndADatasetBecomeGaussianLabels() throws Exception {
    Dataset data = load(new Hdf5DatasetConfig(quakes.toString(), "waveforms", null, null, null, null,
        List.of("@p_arrival_sample", "/meta/s_arrival_sample"), null, 2.0, null, null, null, null, null, null, true, null));
    assertEquals(TargetKind.STEP_LABELS, data.shape().targetKind());
    assertEquals(List.of("p_arrival_sample", "s_arrival_sample"), data.shape().targetNames());
    assertTrue(data.scaler().isPresent());
    float[] labels = new float[64 * 2];
    boolean sawPick = false;
    for (int i = 0; i < data.train().size(); i++) {
      data.train().copyTarget(i, labels, 0);
      for (int t = 0; t < 64; t++) {
        if (labels[t * 2] == 1f) {
          sawPick = true;
          assertEquals(Math.exp(-1 / 8.0), labels[(t + 1) * 2], 1e-6, "sigma 2: one sample off gives exp(-1/8)");
        }
      }
    }
    assertTrue(sawPick);
    ((AutoCloseable) data).close();
  }

  @Test
  void classLabelsComeWithTheirNames() throws Exception {
    Dataset data = load(new Hdf5DatasetConfig(quakes.toString(), "/waveforms", null, null, "/meta/is_event",
        List.of("noise", "event"), null, null, null, null, null, null, null, null, null, null, null));
    assertEquals(List.of("noise", "event"), data.shape().classes());
    ((AutoCloseable) data).close();
  }

  @Test
  void aMissingDatasetIsNamedWithWhatTheFileHolds() {
    DataException e = assertThrows(DataException.class,
        () -> load(config(quakes, List.of("/meta/depth"), null, null)));
    assertTrue(e.getMessage().contains("'/meta/depth'") && e.getMessage().contains("does not exist"),
        e.getMessage());
    e = assertThrows(DataException.class, () -> load(new Hdf5DatasetConfig(quakes.toString(), "/data", null,
        List.of("/meta/magnitude"), null, null, null, null, null, null, null, null, null, null, null, null, null)));
    assertTrue(e.getMessage().contains("[meta, waveforms]"), e.getMessage());
  }

  @Test
  void aNonFiniteWaveformSampleIsRefusedNamingItsTrace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("inf.h5");
    float[][][] waveforms = new float[10][8][1];
    for (float[][] trace : waveforms) {
      trace[3][0] = Float.POSITIVE_INFINITY;
    }
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("waveforms", waveforms);
      hdf.putDataset("magnitude", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    }
    DataException scaled = assertThrows(DataException.class, () -> load(new Hdf5DatasetConfig(file.toString(),
        "/waveforms", null, List.of("magnitude"), null, null, null, null, null, null, null, null, null, null, null, true, null)));
    assertTrue(scaled.getMessage().contains("inf.h5") && scaled.getMessage().contains("sample 3")
        && scaled.getMessage().contains("Infinity"), "refused when the scaler is fitted: " + scaled.getMessage());
    Dataset unscaled = load(config(file, List.of("magnitude"), null, null));
    DataException read = assertThrows(DataException.class, () -> unscaled.test().copyInput(0, new float[8], 0));
    assertTrue(read.getMessage().contains("sample 3"), "refused when read: " + read.getMessage());
  }

  @Test
  void badTargetsNameTheirTrace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("waveforms", new float[10][8][1]);
      hdf.putDataset("magnitude", new double[] {1, Double.NaN, 2, 3, 1, 1, 1, 1, 1, 1});
      hdf.putDataset("short", new double[] {1, 2});
      hdf.putDataset("labels", new int[] {0, 1, -1, 1, 0, 0, 0, 0, 0, 0});
      hdf.putDataset("flat", new float[10][8]);
    }
    DataException nan = assertThrows(DataException.class,
        () -> load(config(file, List.of("magnitude"), null, null)));
    assertTrue(nan.getMessage().contains("trace 1") && nan.getMessage().contains("NaN"), nan.getMessage());
    DataException shortOne = assertThrows(DataException.class,
        () -> load(config(file, List.of("short"), null, null)));
    assertTrue(shortOne.getMessage().contains("holds 2 values; expected one per trace (10)"), shortOne.getMessage());
    DataException negative = assertThrows(DataException.class, () -> load(config(file, null, "labels", null)));
    assertTrue(negative.getMessage().contains("trace 2"), negative.getMessage());
    DataException flat = assertThrows(DataException.class, () -> load(new Hdf5DatasetConfig(file.toString(),
        "flat", null, List.of("magnitude"), null, null, null, null, null, null, null, null, null, null, null, null, null)));
    assertTrue(flat.getMessage().contains("[10, 8]"), flat.getMessage());
  }

  @Test
  void steadLayoutHasOneDatasetPerTraceWithItsAttributes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stead.h5");
    String[] names = {"TR.B_event", "TR.A_event", "TR.C_noise", "TR.D_event", "TR.E_event", "TR.F_event",
        "TR.G_event", "TR.H_event", "TR.I_event", "TR.J_event"};
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      var data = hdf.putGroup("data");
      for (int i = 0; i < names.length; i++) {
        float[][] trace = new float[16][3];
        trace[0][0] = i;
        var dataset = data.putDataset(names[i], trace);
        dataset.putAttribute("source_magnitude", names[i].endsWith("noise") ? "" : Double.toString(1.5 + i));
        dataset.putAttribute("p_arrival_sample", (double) i);
      }
    }
    Dataset picks = load(new Hdf5DatasetConfig(file.toString(), "/data", null, null, null, null,
        List.of("@p_arrival_sample"), null, 0.0, null, null, null, null, null, null, false, null));
    assertEquals(16, picks.shape().inputLength());
    assertEquals(3, picks.shape().channels());
    float[] window = new float[48];
    float[] labels = new float[16];
    int seen = 0;
    for (var split : List.of(picks.train(), picks.validation(), picks.test())) {
      for (int i = 0; i < split.size(); i++, seen++) {
        split.copyInput(i, window, 0);
        split.copyTarget(i, labels, 0);
        int written = (int) window[0];
        assertEquals(1f, labels[written], "each trace's own p_arrival_sample (" + written + ") labels it");
      }
    }
    assertEquals(10, seen);
    ((AutoCloseable) picks).close();
    DataException blank = assertThrows(DataException.class, () -> load(new Hdf5DatasetConfig(file.toString(),
        "/data", null, List.of("@source_magnitude"), null, null, null, null, null, null, null, null, null, null, null, false, null)));
    // Traces are taken in name order, so TR.C_noise, written third, is trace 2 after TR.A and TR.B.
    assertTrue(blank.getMessage().contains("trace 2") && blank.getMessage().contains("NaN"), blank.getMessage());
    Dataset events = load(new Hdf5DatasetConfig(file.toString(), "/data", null, List.of("@source_magnitude"), null,
        null, null, null, null, null, null, null, 0.5, 0.25, null, false, true));
    assertEquals(9, events.train().size() + events.validation().size() + events.test().size(),
        "the noise trace without a magnitude is left out");
    assertEquals(1, ((java.util.Map<?, ?>) events.describe().get("traces")).get("left_out"));
    float[] magnitude = new float[1];
    for (int i = 0; i < events.train().size(); i++) {
      events.train().copyInput(i, window, 0);
      events.train().copyTarget(i, magnitude, 0);
      assertEquals(1.5f + window[0], magnitude[0], 1e-6, "each trace's own magnitude");
    }
    ((AutoCloseable) events).close();
  }

  @Test
  void cropAtCutsEachTraceAroundItsArrivalAndMovesThePicks(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stead.h5");
    SyntheticStead.write(file, 40, 1000, 3);
    Hdf5DatasetConfig whole = new Hdf5DatasetConfig(file.toString(), "/data", null, null, null, null,
        List.of("@p_arrival_sample", "@s_arrival_sample"), List.of("P", "S"), 0.0, null, null, null, 0.5, 0.25, null,
        false, null);
    Hdf5DatasetConfig cut = new Hdf5DatasetConfig(file.toString(), "/data", null, null, null, null,
        List.of("@p_arrival_sample", "@s_arrival_sample"), List.of("P", "S"), 0.0, "@p_arrival_sample", 50, 300,
        0.5, 0.25, null, false, null);
    Dataset full = load(whole);
    Dataset cropped = load(cut);
    assertEquals(List.of("P", "S"), cropped.shape().targetNames());
    assertEquals(300, cropped.shape().inputLength());
    // Every kept trace is an event (noise traces have no P and are left out); its P label sits at sample 50, and
    // its waveform is the whole trace's from P - 50.
    int kept = cropped.train().size() + cropped.validation().size() + cropped.test().size();
    assertTrue(kept < 40 && kept > 25, kept + " events of 40 traces");
    float[] labels = new float[300 * 2];
    float[] window = new float[300 * 3];
    float[] trace = new float[1000 * 3];
    float[] traceLabels = new float[1000 * 2];
    for (int i = 0; i < cropped.test().size(); i++) {
      cropped.test().copyTarget(i, labels, 0);
      assertEquals(1f, labels[50 * 2], "P at sample 50 of the cut");
      cropped.test().copyInput(i, window, 0);
      boolean matched = false;
      for (int j = 0; j < full.test().size() + full.train().size() + full.validation().size() && !matched; j++) {
        var split = j < full.train().size() ? full.train() : j < full.train().size() + full.validation().size()
            ? full.validation() : full.test();
        int index = j < full.train().size() ? j : j < full.train().size() + full.validation().size()
            ? j - full.train().size() : j - full.train().size() - full.validation().size();
        split.copyTarget(index, traceLabels, 0);
        int p = -1;
        for (int t = 0; t < 1000; t++) {
          p = traceLabels[t * 2] == 1f ? t : p;
        }
        if (p < 50) {
          continue;
        }
        split.copyInput(index, trace, 0);
        matched = java.util.Arrays.equals(window, java.util.Arrays.copyOfRange(trace, (p - 50) * 3, (p + 250) * 3));
      }
      assertTrue(matched, "test window " + i + " is a cut of a whole trace");
    }
  }

  @Test
  void notAnHdf5FileIsRefused(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("text.h5"), "not hdf5");
    DataException e = assertThrows(DataException.class,
        () -> load(config(file, List.of("/meta/magnitude"), null, null)));
    assertTrue(e.getMessage().contains("HDF5"), e.getMessage());
  }

  @Test
  void aMissingFileThatTheReadmeBesideItDescribesPointsThere(@TempDir Path dir) throws Exception {
    // configs/data/synthetic/stead-synthetic.h5 is generated, not shipped: its README says how to make it.
    Files.writeString(dir.resolve("README.md"), "# Generated samples\n\n- `quakes.h5`: shipped.\n"
        + "- `stead.h5` (not in the repository): written by `java -cp framework.jar ...SyntheticStead stead.h5`.\n");
    DataException e = assertThrows(DataException.class,
        () -> load(config(dir.resolve("stead.h5"), List.of("/meta/magnitude"), null, null)));
    assertTrue(e.getMessage().contains("stead.h5: does not exist (data.path)")
        && e.getMessage().contains(dir.resolve("README.md") + " (line 4) says how to make it"), e.getMessage());
    e = assertThrows(DataException.class,
        () -> load(config(dir.resolve("other.h5"), List.of("/meta/magnitude"), null, null)));
    assertTrue(e.getMessage().endsWith("does not exist (data.path)"), "no README line names it: " + e.getMessage());
  }
}
