package io.tsllm.datasets.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabDatasetLoaderTest {

  static final Path NAB = Path.of("../../configs/data/nab").toAbsolutePath().normalize();
  static final Path SERIES = NAB.resolve("machine_temperature_system_failure.csv");
  static final Path LABELS = NAB.resolve("combined_windows.json");

  private static Dataset load(Path series, Path labels, String key, int length) {
    return new NabDatasetLoader().load(
        new NabDatasetConfig(series.toString(), labels.toString(), key, length, null, null, null, null), Path::of);
  }

  @Test
  void stepsCarryTheirTimestampsAndTheTimestampColumnIsNamed() throws Exception {
    Dataset data = load(SERIES, LABELS, null, 100);
    List<String> lines = Files.readAllLines(SERIES);
    int rows = lines.size() - 1;
    int testStart = rows - (int) (rows * 0.4);
    String expected = lines.get(1 + testStart + 100 + 7).split(",")[0];
    assertEquals(java.time.LocalDateTime.parse(expected.replace(' ', 'T')), data.test().stepTime(1, 7).orElseThrow());
    assertEquals(java.util.Optional.of("timestamp"), data.timestampColumn());
  }

  @Test
  void labelsEveryStepInsideTheWindowsOfTheSeries() throws Exception {
    Dataset data = load(SERIES, LABELS, null, 100);
    assertEquals(TargetKind.STEP_LABELS, data.shape().targetKind());
    assertEquals(List.of("value"), data.shape().channelNames());
    // Count the labelled rows independently: timestamps inside the four windows, ends included.
    List<String> lines = Files.readAllLines(SERIES);
    String[][] windows = {{"2013-12-10 06:25:00", "2013-12-12 05:35:00"},
        {"2013-12-15 17:50:00", "2013-12-17 17:00:00"},
        {"2014-01-27 14:20:00", "2014-01-29 13:30:00"}, {"2014-02-07 14:55:00", "2014-02-09 14:05:00"}};
    int rows = lines.size() - 1;
    int testStart = rows - (int) (rows * 0.4);
    int expectedTest = 0;
    for (int i = testStart; i < rows; i++) {
      String time = lines.get(i + 1).split(",")[0];
      for (String[] w : windows) {
        if (time.compareTo(w[0]) >= 0 && time.compareTo(w[1]) <= 0) {
          expectedTest++;
        }
      }
    }
    // Test windows tile the split; only steps in whole windows are labelled in them.
    float[] labels = new float[100];
    int counted = 0;
    for (int w = 0; w < data.test().size(); w++) {
      data.test().copyTarget(w, labels, 0);
      for (float label : labels) {
        counted += label > 0.5f ? 1 : 0;
      }
    }
    assertEquals(rows - testStart - (rows - testStart) % 100, data.test().size() * 100);
    assertTrue(expectedTest > 0);
    assertEquals(expectedTest, counted);
    assertTrue(data.scaler().isPresent());
  }

  @Test
  void aKeyOutsideTheLabelsFileIsNamed() {
    DataException e = assertThrows(DataException.class, () -> load(SERIES, LABELS, "realKnownCause/x.csv", 100));
    assertTrue(e.getMessage().contains("no key 'realKnownCause/x.csv'"), e.getMessage());
  }

  @Test
  void aSeriesWithoutWindowsInTheLabelsFileIsRefused(@TempDir Path dir) throws Exception {
    Path series = Files.copy(SERIES, dir.resolve("unknown_series.csv"));
    DataException e = assertThrows(DataException.class, () -> load(series, LABELS, null, 100));
    assertTrue(e.getMessage().contains("has no windows for unknown_series.csv")
        && e.getMessage().contains("labels_key"), e.getMessage());
    DataException missing = assertThrows(DataException.class, () -> load(SERIES, dir.resolve("none.json"), null, 100));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }

  @Test
  void malformedRowsNameTheirLineAndColumn(@TempDir Path dir) throws Exception {
    Path labels = Files.writeString(dir.resolve("labels.json"), "{\"s.csv\": [[\"2020-01-01 00:00:00\", "
        + "\"2020-01-01 01:00:00\"]]}");
    Path bad = Files.writeString(dir.resolve("s.csv"),
        "timestamp,value\n2020-01-01 00:00:00,1\n2020-01-01 00:05:00,x\n");
    DataException e = assertThrows(DataException.class, () -> load(bad, labels, null, 1));
    assertTrue(e.getMessage().contains("line 3, column 'value'") && e.getMessage().contains("not a number"),
        e.getMessage());
    Files.writeString(bad, "timestamp,value\n2020-01-01 00:00:00,1\n2020-13-01 00:05:00,2\n");
    e = assertThrows(DataException.class, () -> load(bad, labels, null, 1));
    assertTrue(e.getMessage().contains("line 3, column 'timestamp'"), e.getMessage());
    Files.writeString(bad, "timestamp,value\n2020-01-01 00:00:00,1\n2020-01-01 00:05:00,NaN\n");
    e = assertThrows(DataException.class, () -> load(bad, labels, null, 1));
    assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("finite"), e.getMessage());
    Files.writeString(bad, "timestamp,value\n2020-01-01 00:00:00,1,7\n");
    e = assertThrows(DataException.class, () -> load(bad, labels, null, 1));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("3 fields, expected 2"), e.getMessage());
    Files.writeString(bad, "");
    e = assertThrows(DataException.class, () -> load(bad, labels, null, 1));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }
}
