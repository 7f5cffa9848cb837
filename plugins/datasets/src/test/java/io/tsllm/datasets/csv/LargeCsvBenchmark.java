package io.tsllm.datasets.csv;

import io.tsllm.spi.Dataset;
import io.tsllm.spi.WindowSplit;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads a generated CSV ten times the size of ETTm1 (696,800 rows x 7 channels, 15-minute timestamps) and reads
 * every training window once in batches of 32, as an epoch does; prints time and peak RSS. Windows are cut on
 * demand, so memory holds the series once (7 floats a row), never the windows.
 * Run: {@code mvn -Dbenchmarks -pl plugins/datasets test}.
 */
@Tag("benchmark")
class LargeCsvBenchmark {

  @TempDir Path temp;

  @Test
  void tenTimesEttm1() throws Exception {
    int rows = 69_680 * 10;
    Path file = temp.resolve("ettm-x10.csv");
    Random random = new Random(1);
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write("date,HUFL,HULL,MUFL,MULL,LUFL,LULL,OT\n");
      java.time.LocalDateTime t = java.time.LocalDateTime.of(2016, 7, 1, 0, 0);
      for (int r = 0; r < rows; r++, t = t.plusMinutes(15)) {
        out.write(t.toString().replace('T', ' '));
        for (int c = 0; c < 7; c++) {
          out.write(',');
          out.write(Float.toString((float) (Math.sin(r / 96.0 + c) * 5 + random.nextGaussian())));
        }
        out.write('\n');
      }
    }
    long started = System.nanoTime();
    CsvDatasetConfig config = new CsvDatasetConfig(file.toString(), 336, 96, null, null, null, "ratio", null, null,
        null, null, null, null);
    Dataset data = new CsvDatasetLoader().load(config, Path::of);
    double loaded = (System.nanoTime() - started) / 1e9;
    WindowSplit train = data.train();
    float[] inputs = new float[32 * 336 * 7];
    float[] targets = new float[32 * 96 * 7];
    double checksum = 0;
    for (int start = 0; start < train.size(); start += 32) {
      int n = Math.min(32, train.size() - start);
      for (int i = 0; i < n; i++) {
        train.copyInput(start + i, inputs, i * 336 * 7);
        train.copyTarget(start + i, targets, i * 96 * 7);
      }
      checksum += inputs[0] + targets[0];
    }
    double epoch = (System.nanoTime() - started) / 1e9 - loaded;
    System.out.printf("large csv benchmark: %d MB file, %d rows; loaded in %.1f s; %d training windows read in %.1f s"
            + " (checksum %.1f); peak RSS %s%n", Files.size(file) >> 20, rows, loaded, train.size(), epoch, checksum,
        peakRss());
  }

  private static String peakRss() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return line.substring(6).trim();
      }
    }
    return "unknown";
  }
}
