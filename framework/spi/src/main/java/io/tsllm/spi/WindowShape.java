package io.tsllm.spi;

import java.util.List;

/**
 * The shape of one sample a dataset produces: an input window {@code [input_length, channels]} and a target
 * {@code [target_length, target_channels]} (for forecasting, the next {@code horizon} steps). A forecasting
 * dataset's targets are its last {@code target_channels} input channels: all of them (multivariate, "M"; univariate,
 * "S") or the last one (multivariate to univariate, "MS").
 *
 * @param inputLength time steps in an input window
 * @param channels channels in an input window
 * @param targetLength time steps in a target
 * @param targetChannels channels in a target
 * @param channelNames names of the input channels, in order
 * @param classes for a classification dataset, the class names; the target is then {@code [1, 1]} holding the
 *     class's index in this list. Empty for every other task
 */
public record WindowShape(
    int inputLength, int channels, int targetLength, int targetChannels, List<String> channelNames,
    List<String> classes) {

  public WindowShape {
    channelNames = List.copyOf(channelNames);
    classes = List.copyOf(classes);
  }

  /** A shape without classes (forecasting, regression, reconstruction). */
  public WindowShape(int inputLength, int channels, int targetLength, int targetChannels, List<String> channelNames) {
    this(inputLength, channels, targetLength, targetChannels, channelNames, List.of());
  }

  public boolean isClassification() {
    return !classes.isEmpty();
  }

  public int inputSize() {
    return inputLength * channels;
  }

  public int targetSize() {
    return targetLength * targetChannels;
  }

  /** The input channel a forecast target channel is: targets are the last {@code targetChannels} inputs. */
  public int inputChannelOfTarget(int targetChannel) {
    return channels - targetChannels + targetChannel;
  }
}
