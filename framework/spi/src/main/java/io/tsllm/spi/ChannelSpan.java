package io.tsllm.spi;

/**
 * Consecutive input channels {@code [first, first + count)}. A head whose prediction's last axis holds such channels
 * (a forecast, a reconstruction) names them, so the framework can give predictions in the data's original units.
 */
public record ChannelSpan(int first, int count) {

  public ChannelSpan {
    if (first < 0 || count < 1) {
      throw new IllegalArgumentException("a channel span needs first >= 0 and count >= 1, got " + first + ", " + count);
    }
  }

  /** The input channel of the span's {@code index}-th channel. */
  public int channel(int index) {
    return first + index;
  }
}
