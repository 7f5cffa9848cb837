package io.tsllm.core.serve;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ChannelSpan;
import java.util.Optional;

/**
 * Moves row-major values between the dataset's scaled units and its original units, channel by channel of the
 * last axis: value {@code i} belongs to the span's channel {@code i % span.count()}. Without a scaler, values are
 * copied unchanged.
 */
public final class ChannelUnits {

  private ChannelUnits() {}

  /** The first {@code count} scaled values in original units. */
  public static float[] toOriginal(float[] scaled, int count, ChannelSpan span, Optional<ChannelScaler> scaler) {
    float[] out = new float[count];
    convert(scaled, out, count, span, scaler, true);
    return out;
  }

  /** Original values into {@code to}, scaled. */
  public static void toScaled(float[] original, float[] to, int count, ChannelSpan span,
      Optional<ChannelScaler> scaler) {
    convert(original, to, count, span, scaler, false);
  }

  /** Scaled values into {@code to}, in original units. */
  public static void toOriginal(float[] scaled, float[] to, int count, ChannelSpan span,
      Optional<ChannelScaler> scaler) {
    convert(scaled, to, count, span, scaler, true);
  }

  private static void convert(float[] from, float[] to, int count, ChannelSpan span,
      Optional<ChannelScaler> scaler, boolean inverse) {
    for (int i = 0; i < count; i++) {
      if (scaler.isEmpty()) {
        to[i] = from[i];
      } else {
        int c = span.channel(i % span.count());
        to[i] = (float) (inverse ? scaler.get().inverse(from[i], c) : scaler.get().scale(from[i], c));
      }
    }
  }
}
