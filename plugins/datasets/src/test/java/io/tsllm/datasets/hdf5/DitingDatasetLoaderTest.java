package io.tsllm.datasets.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DiTing's layout, generated: two parts, their CSV labels converted as SeisT reads them, waveforms found by key. */
class DitingDatasetLoaderTest {

  @TempDir Path folder;

  private static final String HEADER = ",part,key,ev_id,evmag,mag_type,p_pick,p_clarity,p_motion,s_pick,net,sta_id,"
      + "dis,st_mag,baz";

  /** Rows of one part: key, evmag, mag_type, p_pick, p_clarity, p_motion, s_pick, dis, baz. */
  private void part(int part, String[][] rows, boolean skipFirstWaveform) throws Exception {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    try (WritableHdfFile hdf = HdfFile.write(folder.resolve("DiTing330km_part_" + part + ".hdf5"))) {
      WritableGroup earthquake = hdf.putGroup("earthquake");
      for (int r = 0; r < rows.length; r++) {
        String[] row = rows[r];
        csv.append(r).append(',').append(part).append(',').append(row[0]).append(",7,").append(row[1]).append(',')
            .append(row[2]).append(',').append(row[3]).append(',').append(row[4]).append(',').append(row[5])
            .append(',').append(row[6]).append(",SC,12,").append(row[7]).append(",,").append(row[8]).append('\n');
        if (skipFirstWaveform && r == 0) {
          continue;
        }
        float[][] trace = new float[400][3];
        int p = Integer.parseInt(row[3].trim());
        for (int t = 0; t < 400; t++) {
          for (int c = 0; c < 3; c++) {
            trace[t][c] = (float) (0.01 * Math.sin(t * 0.3 + c) + (t >= p ? Math.exp(-(t - p) / 20.0) : 0));
          }
        }
        earthquake.putDataset(DitingMetadata.waveformKey(row[0].trim(), folder, r), trace);
      }
    }
    Files.writeString(folder.resolve("DiTing330km_part_" + part + ".csv"), csv.toString());
  }

  private void write(boolean missingWaveform) throws Exception {
    part(0, new String[][] {
        {"12.3", "2.0", "ML", "100", "I", "U", "160", "25.5", "-10"},
        {"12.45", "3.0", "Ms", "120", "E", "D", "200", "40", "370"},
        {"13.1", "", "ML", "90", "I", "C", "150", "10", "90"},
        {"14.2", "4.0", "mb", "110", "E", "R", "190", "60", "180"},
        {"15.9", " 1.5", "ML ", "130", "I", "N", "210", "33", "45"}}, missingWaveform);
    part(3, new String[][] {
        {"101.7", "2.5", "ML", "95", "I", "U", "170", "22", "10"},
        {"102.77", "3.5", "ML", "105", "E", "D", "175", "50", "270"},
        {"103.1", "1.0", "ML", "115", "I", "U", "185", "15", "300"}}, false);
  }

  private static DitingDatasetConfig config(Path folder, List<String> values, String labels, List<String> picks) {
    return new DitingDatasetConfig(folder.toString(), null, null, values, labels, null, picks, null, 0.0, null, null,
        null, 0.5, 0.25, 3L, false, null);
  }

  private static Dataset load(DitingDatasetConfig config) {
    return new DitingDatasetLoader().load(config, Path::of);
  }

  /** Every window's targets of every split, sorted. */
  private static List<Float> allTargets(Dataset data, int size) {
    List<Float> all = new ArrayList<>();
    for (WindowSplit split : List.of(data.train(), data.validation(), data.test())) {
      float[] target = new float[size];
      for (int i = 0; i < split.size(); i++) {
        split.copyTarget(i, target, 0);
        for (float v : target) {
          all.add(v);
        }
      }
    }
    all.sort(null);
    return all;
  }

  @Test
  void magnitudesBecomeMlAsSeisTConvertsThemAndBlanksAreLeftOut() throws Exception {
    write(false);
    Dataset data = load(config(folder, List.of("evmag"), null, null));
    assertEquals(400, data.shape().inputLength());
    assertEquals(List.of("Z", "N", "E"), data.shape().channelNames());
    // ML 2.0, Ms 3.0 -> 3.6106, mb 4.0 -> 4.7345, ML 1.5, 2.5, 3.5, 1.0; the blank evmag (key 13.1) is left out.
    List<Float> expected = new ArrayList<>(List.of(2.0f, (float) ((3.0 + 1.08) / 1.13),
        (float) ((1.17 * 4.0 + 0.67) / 1.13), 1.5f, 2.5f, 3.5f, 1.0f));
    expected.sort(null);
    List<Float> actual = allTargets(data, 1);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < actual.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), 1e-5);
    }
  }

  @Test
  void firstMotionsAreUpOrDownAndUnknownsLeftOut() throws Exception {
    write(false);
    Dataset data = load(config(folder, null, "p_motion", null));
    assertEquals(List.of("up", "down"), data.shape().classes());
    // U, C, U, U up (0); D, R, D down (1); N left out.
    assertEquals(List.of(0f, 0f, 0f, 0f, 1f, 1f, 1f), allTargets(data, 1));
  }

  @Test
  void backAzimuthsWrapAndPicksLabelTheirSamples() throws Exception {
    write(false);
    assertEquals(List.of(10f, 10f, 45f, 90f, 180f, 270f, 300f, 350f),
        allTargets(load(config(folder, List.of("baz"), null, null)), 1));
    Dataset picks = load(config(folder, null, null, List.of("p_pick", "s_pick")));
    assertEquals(List.of("P", "S"), picks.shape().targetNames());
    float[] labels = new float[400 * 2];
    float[] input = new float[400 * 3];
    WindowSplit test = picks.test();
    for (int i = 0; i < test.size(); i++) {
      test.copyTarget(i, labels, 0);
      test.copyInput(i, input, 0);
      int p = -1;
      for (int t = 0; t < 400; t++) {
        p = labels[t * 2] == 1f ? t : p;
      }
      assertTrue(p > 0 && input[(p - 1) * 3] < 0.1f && input[p * 3] > 0.9f, "the P label at the onset, sample " + p);
    }
  }

  @Test
  void aRowWithoutItsWaveformIsNamed() throws Exception {
    write(true);
    DataException e = assertThrows(DataException.class, () -> load(config(folder, List.of("dis"), null, null)));
    assertTrue(e.getMessage().contains("DiTing330km_part_0.csv, line 2") && e.getMessage().contains(
        "earthquake/000012.3000")
        && e.getMessage().contains("DiTing330km_part_0.hdf5"), e.getMessage());
  }
}
