package io.tsllm.core.serve.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.SampleStream;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Resampling as it streams: a tone in band keeps its shape and timing, one above the new Nyquist is removed. */
class ResampledStreamTest {

  /** A channel of {@code samples} samples of a sine of {@code hertz} at {@code rate}, read in blocks of 1000. */
  private static SampleStream tone(double rate, double hertz, int samples) {
    float[] values = new float[samples];
    for (int i = 0; i < samples; i++) {
      values[i] = (float) Math.sin(2 * Math.PI * hertz * i / rate);
    }
    return samples(rate, values);
  }

  private static float[] readAll(SampleStream stream, int capacity) {
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
    assertEquals(3000, out.length, "ceil(1200 x 5 / 2), as resample_poly gives: 30 s at 100 Hz");
    double worst = 0;
    for (int n = 200; n < 2800; n++) {
      worst = Math.max(worst, Math.abs(out[n] - Math.sin(2 * Math.PI * 3 * n / 100.0)));
    }
    assertTrue(worst < 2e-3, "a 3 Hz tone off by " + worst);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"150-to-100", "100-to-40", "40-to-100", "200-to-50"})
  void givesWhatScipysResamplePolyGives(String pair) throws Exception {
    // tools/resample_fixtures.py: tones on both sides of the new Nyquist frequency, a step and noise, resampled by
    // scipy.signal.resample_poly 1.10.1 in float64 with its defaults.
    com.fasterxml.jackson.databind.JsonNode fixture = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Path.of("src/test/resources/resample/" + pair + ".json").toFile());
    float[] input = new float[fixture.get("input").size()];
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) fixture.get("input").get(i).asDouble();
    }
    ResampledStream resampled = new ResampledStream(samples(fixture.get("input_rate").asDouble(), input),
        fixture.get("output_rate").asDouble());
    float[] out = readAll(resampled, input.length * 4);
    com.fasterxml.jackson.databind.JsonNode expected = fixture.get("output");
    assertEquals(expected.size(), out.length, "as many samples as resample_poly gives");
    for (int i = 0; i < out.length; i++) {
      assertEquals(expected.get(i).asDouble(), out[i], 2e-6, pair + " sample " + i);
    }
  }

  private static SampleStream samples(double rate, float[] values) {
    return new SampleStream() {
      private int at;

      @Override
      public String id() {
        return "XX.TEST.00.HHZ";
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
        return Path.of("fixture");
      }

      @Override
      public int read(float[] dest, int offset, int count) {
        if (at == values.length) {
          return -1;
        }
        int n = Math.min(Math.min(count, 333), values.length - at);
        System.arraycopy(values, at, dest, offset, n);
        at += n;
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
}
