package io.tsllm.seismic.dataset;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One channel's continuous samples.
 *
 * @param id {@code network.station.location.channel}
 * @param start the first sample's time
 * @param rate samples per second
 * @param file where it was read from
 */
record Trace(String id, Instant start, double rate, float[] samples, Path file) {

  Instant end() {
    return start.plus(nanos(samples.length / rate));
  }

  /** The index of the sample at {@code time} (rounded), possibly outside the trace. */
  long sampleAt(Instant time) {
    return Math.round(Duration.between(start, time).toNanos() / 1e9 * rate);
  }

  static Duration nanos(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
