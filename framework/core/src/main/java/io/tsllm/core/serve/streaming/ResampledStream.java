package io.tsllm.core.serve.streaming;

import io.tsllm.spi.SampleStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * A channel resampled to another rate as it streams, the way {@code scipy.signal.resample_poly} does it: upsampled
 * by {@code up}, low-pass filtered by a Kaiser-windowed sinc (cut-off at the lower of the two Nyquist frequencies,
 * {@value #HALF_LENGTH_FACTOR} x max(up, down) taps each side, beta {@value #BETA}), downsampled by {@code down};
 * zero-phase, so sample n of the result lies at {@code start + n / rate}. Holds a filter's length of input.
 */
final class ResampledStream implements SampleStream {

  static final int HALF_LENGTH_FACTOR = 10;
  static final double BETA = 5.0;

  private final SampleStream source;
  private final double rate;
  private final int up;
  private final int down;
  private final double[] filter;
  private final int half;
  private float[] input = new float[8192];
  private long inputStart;      // the index of input[0] in the source
  private int inputLength;
  private boolean sourceEnded;
  private long sourceSamples;   // samples read from the source so far
  private long next;            // the next output sample's index

  ResampledStream(SampleStream source, double rate) {
    this.source = source;
    this.rate = rate;
    long from = Math.round(source.rate() * 1000);
    long to = Math.round(rate * 1000);
    long gcd = gcd(from, to);
    this.up = (int) (to / gcd);
    this.down = (int) (from / gcd);
    if (up > 1000 || down > 1000) {
      throw new IllegalArgumentException("cannot resample " + source.rate() + " Hz to " + rate + " Hz: the ratio "
          + up + "/" + down + " is too fine");
    }
    this.filter = kaiserSinc(up, down);
    this.half = (filter.length - 1) / 2;
  }

  /** The filter on the upsampled grid: gain {@code up}, cut-off at 1 / max(up, down) of its Nyquist frequency. */
  static double[] kaiserSinc(int up, int down) {
    int max = Math.max(up, down);
    int half = HALF_LENGTH_FACTOR * max;
    double[] h = new double[2 * half + 1];
    double cutoff = 1.0 / max;
    double norm = besselI0(BETA);
    for (int i = 0; i < h.length; i++) {
      double x = i - half;
      double sinc = x == 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
      double r = x / half;
      double window = besselI0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
      h[i] = cutoff * sinc * window;
    }
    // Unit gain at zero frequency, as firwin scales it, times up for the zeros the upsampling put between samples.
    double sum = Arrays.stream(h).sum();
    for (int i = 0; i < h.length; i++) {
      h[i] *= up / sum;
    }
    return h;
  }

  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    for (int k = 1; k < 50; k++) {
      term *= (x / (2 * k)) * (x / (2 * k));
      sum += term;
    }
    return sum;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public String id() {
    return source.id();
  }

  @Override
  public Instant start() {
    return source.start();
  }

  @Override
  public double rate() {
    return rate;
  }

  @Override
  public Path file() {
    return source.file();
  }

  @Override
  public long gapSamples() {
    return source.gapSamples();
  }

  @Override
  public int read(float[] dest, int offset, int count) {
    int done = 0;
    while (done < count) {
      // Output n sits at n * down on the upsampled grid; it needs input up to (n * down + half) / up.
      long needed = Math.floorDiv(next * down + half, up);
      if (!sourceEnded && needed >= sourceSamples) {
        fill();
        continue;
      }
      if (sourceEnded && next * down >= sourceSamples * up) {
        break;   // ceil(samples * up / down) outputs, as resample_poly gives
      }
      dest[offset + done++] = (float) output(next++);
      drop(Math.floorDiv(next * down - half, up) - 1);
    }
    return done == 0 && sourceEnded ? -1 : done;
  }

  private double output(long n) {
    long centre = n * down;
    long first = Math.max(0, ceilDiv(centre - half, up));
    long lastIndex = Math.min(sourceSamples - 1, Math.floorDiv(centre + half, up));
    double sum = 0;
    for (long t = first; t <= lastIndex; t++) {
      sum += input[(int) (t - inputStart)] * filter[(int) (t * up - centre + half)];
    }
    return sum;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private void fill() {
    if (inputLength + 4096 > input.length) {
      input = Arrays.copyOf(input, Math.max(input.length * 2, inputLength + 4096));
    }
    int read = source.read(input, inputLength, 4096);
    if (read < 0) {
      sourceEnded = true;
      return;
    }
    inputLength += read;
    sourceSamples += read;
  }

  /** Forgets the input before source index {@code before}, which no later output needs. */
  private void drop(long before) {
    int n = (int) Math.min(inputLength, before - inputStart);
    if (n > 4096) {
      System.arraycopy(input, n, input, 0, inputLength - n);
      inputLength -= n;
      inputStart += n;
    }
  }

  @Override
  public void close() {
    source.close();
  }
}
