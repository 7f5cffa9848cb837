package io.tsllm.datasets.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a small STEAD-shaped HDF5 file of synthetic local earthquakes: {@code /waveforms [N, T, 3]} float32
 * (E, N, Z), a P and an S arrival with a decaying coda over noise; {@code /meta/magnitude} (float64),
 * {@code /meta/s_arrival_sample} (int32), {@code /meta/is_event} (int32, 0 for noise-only traces) and the
 * waveforms' attribute {@code p_arrival_sample} (int32; -1 without an event). A larger magnitude gives a larger
 * amplitude, a longer coda and a lower dominant frequency, so the magnitude can be learned from shape alone.
 *
 * <p>{@code main(out, traces, samples, seed)} regenerates {@code configs/data/synthetic/quakes.h5}.
 */
public final class SyntheticQuakes {

  private SyntheticQuakes() {}

  public static void main(String[] args) {
    write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
  }

  public static void write(Path file, int traces, int samples, long seed) {
    Random random = new Random(seed);
    float[][][] waveforms = new float[traces][samples][3];
    double[] magnitude = new double[traces];
    int[] p = new int[traces];
    int[] s = new int[traces];
    int[] isEvent = new int[traces];
    for (int n = 0; n < traces; n++) {
      boolean event = random.nextDouble() < 0.8;
      isEvent[n] = event ? 1 : 0;
      double m = event ? 1 + 3 * random.nextDouble() : 0;
      magnitude[n] = m;
      p[n] = event ? samples / 8 + random.nextInt(samples / 4) : -1;
      s[n] = event ? p[n] + 10 + random.nextInt(samples / 6) : -1;
      double amplitude = Math.pow(10, 0.5 * m);
      double coda = 8 + 12 * m;
      double period = 3 + 2 * m;
      for (int t = 0; t < samples; t++) {
        for (int c = 0; c < 3; c++) {
          double value = 0.2 * random.nextGaussian();
          if (event) {
            value += wave(t - p[n], 0.4 * amplitude, coda, period, c == 2 ? 1.0 : 0.5);
            value += wave(t - s[n], amplitude, coda * 1.5, period * 1.3, c == 2 ? 0.4 : 1.0);
          }
          waveforms[n][t][c] = (float) value;
        }
      }
    }
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      WritableDataset data = hdf.putDataset("waveforms", waveforms);
      data.putAttribute("p_arrival_sample", p);
      WritableGroup meta = hdf.putGroup("meta");
      meta.putDataset("magnitude", magnitude);
      meta.putDataset("s_arrival_sample", s);
      meta.putDataset("is_event", isEvent);
    }
  }

  private static double wave(int since, double amplitude, double decay, double period, double gain) {
    if (since < 0) {
      return 0;
    }
    return gain * amplitude * Math.exp(-since / decay) * Math.sin(2 * Math.PI * since / period);
  }
}
