package io.tsllm.core.serve.picking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Resampling as it streams: a tone in band keeps its shape and timing, one above the new Nyquist is removed. */
class ResampledStreamTest {

  /** A channel of {@code samples} samples of a sine of {@code hertz} at {@code rate}, read in blocks of 1000. */
  private static WaveformStream tone(double rate, double hertz, int samples) {
    return new WaveformStream() {
      private int at;

      @Override
      public String id() {
        return "XX.TONE.00.HHZ";
      }

      @Override
      public Instant start() {
        return Instant.EPOCH;
      }

      @Override
      public double rate() {
        return rate;
      }

      @Override
      public Path file() {
        return Path.of("tone");
      }

      @Override
      public int read(float[] dest, int offset, int count) {
        if (at == samples) {
          return -1;
        }
        int n = Math.min(Math.min(count, 1000), samples - at);
        for (int i = 0; i < n; i++, at++) {
          dest[offset + i] = (float) Math.sin(2 * Math.PI * hertz * at / rate);
        }
        return n;
      }

      @Override
      public long gapSamples() {
        return 0;
      }

      @Override
      public void close() {}
    };
  }

  private static float[] readAll(WaveformStream stream, int capacity) {
    float[] out = new float[capacity];
    int total = 0;
    int n;
    while ((n = stream.read(out, total, Math.min(777, capacity - total))) > 0) {
      total += n;
    }
    return java.util.Arrays.copyOf(out, total);
  }

  @Test
  void fromOneHundredFiftyToOneHundredHertzKeepsABandTone() {
    // 30 s at 150 Hz (4500 samples) give 30 s at 100 Hz: samples 0..2999 (the last at 29.99 s).
    float[] out = readAll(new ResampledStream(tone(150, 5, 4500), 100), 4000);
    assertEquals(3000, out.length);
    double worst = 0;
    for (int n = 100; n < 2900; n++) {
      worst = Math.max(worst, Math.abs(out[n] - Math.sin(2 * Math.PI * 5 * n / 100.0)));
    }
    assertTrue(worst < 2e-3, "a 5 Hz tone off by " + worst + " away from the edges");
  }

  @Test
  void aToneAboveTheNewNyquistFrequencyIsFilteredOut() {
    float[] out = readAll(new ResampledStream(tone(150, 62, 4500), 100), 4000);
    double peak = 0;
    for (int n = 100; n < 2900; n++) {
      peak = Math.max(peak, Math.abs(out[n]));
    }
    assertTrue(peak < 0.01, "a 62 Hz tone (above 50 Hz) left at " + peak + " instead of aliasing to 38 Hz");
  }

  @Test
  void upsamplingWorksToo() {
    float[] out = readAll(new ResampledStream(tone(40, 3, 1200), 100), 4000);
    assertEquals(2998, out.length, "30 s at 40 Hz end at 29.975 s: 100 Hz samples up to 29.97 s");
    double worst = 0;
    for (int n = 200; n < 2800; n++) {
      worst = Math.max(worst, Math.abs(out[n] - Math.sin(2 * Math.PI * 3 * n / 100.0)));
    }
    assertTrue(worst < 2e-3, "a 3 Hz tone off by " + worst);
  }
}
