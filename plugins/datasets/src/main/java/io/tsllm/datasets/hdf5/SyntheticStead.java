package io.tsllm.datasets.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes synthetic local earthquakes in STEAD's layout: a group {@code /data} of {@code [samples, 3]} float32 traces
 * (E, N, Z) at 100 Hz, each with STEAD's attributes: {@code trace_category} ({@code earthquake_local} or
 * {@code noise}), {@code p_arrival_sample}, {@code s_arrival_sample}, {@code coda_end_sample},
 * {@code source_magnitude}, {@code source_distance_km}, {@code back_azimuth_deg}, and {@code p_polarity} (1 up,
 * 0 down; STEAD has no polarity, DiTing's {@code p_motion} is its counterpart). Noise traces have NaN for every
 * event attribute, as STEAD's blanks read.
 *
 * <p>The physics is simple but consistent, so that each SeisMoLLM task can be learned from the waveform alone:
 * P and S travel at 6.0 and 3.46 km/s, so S - P is the distance over 8.2 km/s; amplitudes grow with magnitude and
 * fall with distance, dominant frequencies fall with magnitude; the P wave's first motion on Z has the polarity's
 * sign and its horizontal motion points along the back-azimuth (E = sin, N = cos, times the first motion), the S
 * wave is strongest on the horizontals, transverse to it; a coda of scattered energy decays after S to the coda
 * end; the noise is coloured (AR(1)) with a microseism, on every trace.
 *
 * <p>{@code java -cp framework.jar io.tsllm.datasets.hdf5.SyntheticStead OUT.h5 [traces] [seconds] [seed]}
 * (defaults 1000 traces of 60 s, seed 7).
 */
public final class SyntheticStead {

  public static final double SAMPLING_RATE = 100;
  static final double VP = 6.0;
  static final double VS = 3.46;
  static final double NOISE_SHARE = 0.15;

  private SyntheticStead() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 4) {
      System.err.println("usage: SyntheticStead OUT.h5 [traces (1000)] [seconds per trace (60)] [seed (7)]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int traces = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 60;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
    write(out, traces, (int) Math.round(seconds * SAMPLING_RATE), seed);
    System.out.printf(Locale.ROOT, "wrote %s: %d traces of %.0f s at %.0f Hz (%d samples x 3)%n", out, traces,
        seconds, SAMPLING_RATE, (int) Math.round(seconds * SAMPLING_RATE));
  }

  /** Writes {@code traces} traces of {@code samples} samples to {@code file} (replacing it), deterministically. */
  public static void write(Path file, int traces, int samples, long seed) {
    if (traces < 1 || samples < 500) {
      throw new IllegalArgumentException("need at least 1 trace of at least 500 samples (5 s)");
    }
    Random random = new Random(seed);
    double duration = samples / SAMPLING_RATE;
    // S - P must leave room for the coda inside the trace: at most 30% of it, and local distances up to 110 km.
    double maxDistance = Math.min(110, 0.3 * duration / (1 / VS - 1 / VP));
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (WritableHdfFile hdf = HdfFile.write(temporary)) {
      WritableGroup data = hdf.putGroup("data");
      for (int n = 0; n < traces; n++) {
        boolean event = random.nextDouble() >= NOISE_SHARE;
        float[][] trace = noise(random, samples);
        String name = String.format(Locale.ROOT, "SYN.S%03d.%s_%06d", n % 97, event ? "EV" : "NO", n);
        double p = Double.NaN;
        double s = Double.NaN;
        double coda = Double.NaN;
        double magnitude = Double.NaN;
        double distance = Double.NaN;
        double backAzimuth = Double.NaN;
        double polarity = Double.NaN;
        if (event) {
          distance = 5 + (maxDistance - 5) * random.nextDouble();
          magnitude = 0.5 + 4 * random.nextDouble();
          backAzimuth = 360 * random.nextDouble();
          polarity = random.nextBoolean() ? 1 : 0;
          p = Math.floor((0.08 + 0.17 * random.nextDouble()) * samples);
          s = p + Math.round(distance * (1 / VS - 1 / VP) * SAMPLING_RATE);
          coda = Math.min(samples - 1, Math.round(s + (1.2 + 0.6 * random.nextDouble()) * (s - p) + 100));
          addEvent(trace, random, (int) p, (int) s, (int) coda, magnitude, distance, Math.toRadians(backAzimuth),
              polarity > 0 ? 1 : -1);
        }
        WritableDataset dataset = data.putDataset(name, trace);
        dataset.putAttribute("trace_category", event ? "earthquake_local" : "noise");
        dataset.putAttribute("p_arrival_sample", p);
        dataset.putAttribute("s_arrival_sample", s);
        dataset.putAttribute("coda_end_sample", coda);
        dataset.putAttribute("source_magnitude", magnitude);
        dataset.putAttribute("source_distance_km", distance);
        dataset.putAttribute("back_azimuth_deg", backAzimuth);
        dataset.putAttribute("p_polarity", polarity);
      }
    }
    try {
      Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot move " + temporary + " to " + file, e);
    }
  }

  /**
   * A continuous three-component record ({@code [samples, 3]}, E, N, Z, at 100 Hz) of background noise with local
   * earthquakes whose P waves arrive at {@code pArrivals}, each with a random magnitude (1.5 to 4), distance (10 to
   * 80 km), back-azimuth and polarity; {@code sArrivals} receives each event's S arrival sample.
   */
  public static float[][] continuous(int samples, int[] pArrivals, int[] sArrivals, long seed) {
    Random random = new Random(seed);
    float[][] trace = noise(random, samples);
    for (int e = 0; e < pArrivals.length; e++) {
      double distance = 10 + 70 * random.nextDouble();
      double magnitude = 1.5 + 2.5 * random.nextDouble();
      int p = pArrivals[e];
      int s = p + (int) Math.round(distance * (1 / VS - 1 / VP) * SAMPLING_RATE);
      sArrivals[e] = s;
      int codaEnd = (int) Math.min(samples - 1, s + 1.5 * (s - p) + 100);
      addEvent(trace, random, p, s, codaEnd, magnitude, distance, 2 * Math.PI * random.nextDouble(),
          random.nextBoolean() ? 1 : -1);
    }
    return trace;
  }

  /** Coloured background noise of unit scale with a microseism, {@code [samples, 3]}. */
  private static float[][] noise(Random random, int samples) {
    float[][] trace = new float[samples][3];
    double microseism = 0.15 + 0.2 * random.nextDouble();
    double period = (4 + 4 * random.nextDouble()) * SAMPLING_RATE;
    for (int c = 0; c < 3; c++) {
      double previous = 0;
      double phase = 2 * Math.PI * random.nextDouble();
      for (int t = 0; t < samples; t++) {
        previous = 0.7 * previous + 0.71 * random.nextGaussian();
        trace[t][c] = (float) (previous + microseism * Math.sin(2 * Math.PI * t / period + phase));
      }
    }
    return trace;
  }

  private static void addEvent(float[][] trace, Random random, int p, int s, int codaEnd, double magnitude,
      double distance, double backAzimuth, int firstMotion) {
    // Signal-to-noise from about 2 (small and far) to several hundred (large and near).
    double amplitude = Math.pow(10, 0.55 * magnitude) * 20 / (distance + 10);
    double pFrequency = 9 - 1.2 * magnitude;
    double sFrequency = 0.6 * pFrequency;
    double east = Math.sin(backAzimuth);
    double north = Math.cos(backAzimuth);
    int samples = trace.length;
    // Each wave is drawn for at most a minute (its amplitude is long negligible by then) so long records stay cheap.
    int minute = (int) (60 * SAMPLING_RATE);
    for (int t = p; t < Math.min(samples, p + minute); t++) {
      double since = (t - p) / SAMPLING_RATE;
      // A P pulse whose first half-cycle has the first motion's sign, decaying over about 1.5 cycles.
      double pulse = firstMotion * amplitude * Math.sin(2 * Math.PI * pFrequency * since)
          * Math.exp(-since * pFrequency / 1.5);
      trace[t][2] += (float) pulse;
      trace[t][0] += (float) (0.6 * east * pulse);
      trace[t][1] += (float) (0.6 * north * pulse);
    }
    double sAmplitude = 1.8 * amplitude;
    for (int t = s; t < Math.min(samples, s + minute); t++) {
      double since = (t - s) / SAMPLING_RATE;
      double wave = sAmplitude * Math.sin(2 * Math.PI * sFrequency * since) * Math.exp(-since * sFrequency / 2.5);
      // Transverse to the ray: (cos, -sin) in (E, N).
      trace[t][0] += (float) (north * wave);
      trace[t][1] += (float) (-east * wave);
      trace[t][2] += (float) (0.3 * wave);
    }
    // Coda: scattered energy after S, decaying to a tenth of S's level by the coda end.
    double codaLength = Math.max(1, codaEnd - s);
    for (int t = s; t < Math.min(samples, s + Math.max(minute, 6 * codaLength)); t++) {
      double envelope = 0.5 * sAmplitude * Math.exp(-Math.log(10) * (t - s) / codaLength);
      for (int c = 0; c < 3; c++) {
        trace[t][c] += (float) (envelope * random.nextGaussian() * (c == 2 ? 0.6 : 1));
      }
    }
  }
}
