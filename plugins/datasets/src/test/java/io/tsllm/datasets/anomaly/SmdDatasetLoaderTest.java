package io.tsllm.datasets.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmdDatasetLoaderTest {

  @TempDir Path dir;

  private Path write(String name, int rows, int columns, long seed) throws Exception {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        text.append(c == 0 ? "" : ",").append(String.format("%.4f", random.nextDouble()));
      }
      text.append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  private Path labels(int rows, int anomalyFrom, int anomalyTo) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      text.append(r >= anomalyFrom && r < anomalyTo ? "1" : "0").append('\n');
    }
    return Files.writeString(dir.resolve("test_label.txt"), text);
  }

  private static Dataset load(Path train, Path test, Path labels, int length) {
    return new SmdDatasetLoader().load(new SmdDatasetConfig(train.toString(), test.toString(), labels.toString(),
        length, null, null, null), Path::of);
  }

  @Test
  void trainTailValidatesAndTestLabelsFollowTheirRows() throws Exception {
    Dataset data = load(write("train.txt", 500, 4, 1), write("test.txt", 300, 4, 2), labels(300, 120, 140), 50);
    assertEquals(4, data.shape().channels());
    assertEquals(400 - 50 + 1, data.train().size(), "stride 1 over the first 80% of the training rows");
    assertEquals(2, data.validation().size(), "100 validation rows tiled by windows of 50");
    assertEquals(6, data.test().size());
    float[] window = new float[50];
    data.test().copyTarget(2, window, 0);
    for (int t = 0; t < 50; t++) {
      assertEquals(t + 100 >= 120 && t + 100 < 140 ? 1f : 0f, window[t], "row " + (t + 100));
    }
  }

  @Test
  void loadsTheRealSampleInTheSmdLayout() {
    Path folder = Path.of("../../configs/data/smd-style").toAbsolutePath().normalize();
    String name = "ambient_temperature_system_failure";
    Dataset data = load(folder.resolve(name + "_train.txt"), folder.resolve(name + "_test.txt"),
        folder.resolve(name + "_test_label.txt"), 100);
    assertEquals(1, data.shape().channels());
    assertEquals(36, data.test().size(), "3634 test rows tiled by windows of 100");
    assertEquals(633, ((java.util.Map<?, ?>) data.describe().get("test")).get("anomalous_rows"));
  }

  @Test
  void labelsThatDoNotFitTheTestRowsAreRefused() throws Exception {
    Path train = write("train.txt", 200, 3, 1);
    Path test = write("test.txt", 100, 3, 2);
    DataException e = assertThrows(DataException.class, () -> load(train, test, labels(99, 0, 0), 20));
    assertTrue(e.getMessage().contains("one label per test row (100 rows"), e.getMessage());
    Path two = Files.writeString(dir.resolve("test_label.txt"), "0\n2\n" + "0\n".repeat(98));
    e = assertThrows(DataException.class, () -> load(train, test, two, 20));
    assertTrue(e.getMessage().contains("label 2") && e.getMessage().contains("0 or 1"), e.getMessage());
    Path wide = write("test_wide.txt", 100, 4, 3);
    e = assertThrows(DataException.class, () -> load(train, wide, labels(100, 0, 0), 20));
    assertTrue(e.getMessage().contains("4 columns, the training file 3"), e.getMessage());
  }
}
