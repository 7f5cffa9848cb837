package io.tsllm.datasets.hdf5;

import io.tsllm.spi.Dataset;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hdf5} loader at STEAD's trace size: a generated file in STEAD's layout of 10,000 traces of 6,000 x 3
 * samples (720 MB; STEAD has 1.27 million such traces, and each read costs the same whatever the file's length, a
 * trace being its own dataset), read as training reads it: every training window once, in shuffled order, in
 * batches of 64 (SeisMoLLM's batch size); prints windows per second and peak RSS, to set against the windows per
 * second a training step consumes ({@code bench}). Run: {@code mvn -Dbenchmarks -pl plugins/datasets test
 * -Dtest=SteadSizeHdf5Benchmark}.
 */
@Tag("benchmark")
class SteadSizeHdf5Benchmark {

  @TempDir Path temp;

  @Test
  void readsSteadSizedTracesFasterThanAStepConsumesThem() throws Exception {
    Path file = temp.resolve("stead-size.h5");
    long started = System.nanoTime();
    SyntheticStead.write(file, 10_000, 6_000, 1);
    double written = (System.nanoTime() - started) / 1e9;
    Hdf5DatasetConfig config = new Hdf5DatasetConfig(file.toString(), "/data", List.of("E", "N", "Z"),
        List.of("@source_magnitude"), null, null, null, null, null, null, null, null, null, null, null, true, true);
    started = System.nanoTime();
    Dataset data = new Hdf5DatasetLoader().load(config, Path::of);
    double loaded = (System.nanoTime() - started) / 1e9;
    WindowSplit train = data.train();
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(2);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int batch = 64;
    int size = 6_000 * 3;
    float[] inputs = new float[batch * size];
    float[] targets = new float[batch];
    double checksum = 0;
    started = System.nanoTime();
    for (int start = 0; start < order.length; start += batch) {
      int n = Math.min(batch, order.length - start);
      for (int i = 0; i < n; i++) {
        train.copyInput(order[start + i], inputs, i * size);
        train.copyTarget(order[start + i], targets, i);
      }
      checksum += inputs[0] + targets[0];
    }
    double epoch = (System.nanoTime() - started) / 1e9;
    System.out.printf("hdf5 at STEAD's trace size: %d traces of 6000 x 3 (%d MB) written in %.0f s, opened and"
            + " scaled in %.1f s; %d training windows read in shuffled order in %.1f s: %.0f windows/s, %.1f ms per"
            + " batch of 64 (checksum %.1f); peak RSS %s%n", 10_000, Files.size(file) >> 20, written, loaded,
        order.length, epoch, order.length / epoch, 1000 * epoch / Math.ceil(order.length / 64.0), checksum,
        peakRss());
    if (data instanceof AutoCloseable closeable) {
      closeable.close();
    }
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
