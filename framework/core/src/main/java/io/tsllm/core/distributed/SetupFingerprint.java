package io.tsllm.core.distributed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What must be the same on every worker of one training, each part a 64-bit digest (SHA-256's first 8 bytes), so
 * that the workers can compare them in two all-reduces (min and max) and name the parts that differ. Each digest
 * travels as two float64 values of 32 bits, which float64 holds exactly.
 *
 * @param parts each part's name (as a message names it) and its digest, in a fixed order
 */
public record SetupFingerprint(Map<String, Long> parts) {

  public SetupFingerprint {
    parts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The parts as float64 values: each digest's high 32 bits, then its low 32 bits. */
  public double[] values() {
    double[] values = new double[2 * parts.size()];
    int i = 0;
    for (long digest : parts.values()) {
      values[i++] = digest >>> 32;
      values[i++] = digest & 0xffffffffL;
    }
    return values;
  }

  /** The names of the parts whose values are not the same on every worker, given the workers' minima and maxima. */
  public List<String> differing(double[] low, double[] high) {
    List<String> names = new ArrayList<>();
    int i = 0;
    for (String name : parts.keySet()) {
      if (low[i] != high[i] || low[i + 1] != high[i + 1]) {
        names.add(name);
      }
      i += 2;
    }
    return names;
  }

  /** Adds the parts in order. */
  public static final class Builder {
    private final Map<String, Long> parts = new LinkedHashMap<>();

    public Builder add(String name, String content) {
      parts.put(name, digest(content));
      return this;
    }

    public SetupFingerprint build() {
      return new SetupFingerprint(parts);
    }

    private static long digest(String content) {
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++) {
          value = value << 8 | (hash[i] & 0xff);
        }
        return value;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
