package io.tsllm.spi;

import java.util.List;

/**
 * The shape of one sample a dataset produces: an input window {@code [input_length, channels]} and a target
 * {@code [target_length, target_channels]} whose meaning {@link #targetKind()} gives. A forecasting dataset's
 * targets are its last {@code target_channels} input channels: all of them (multivariate, "M"; univariate, "S") or
 * the last one (multivariate to univariate, "MS").
 *
 * @param inputLength time steps in an input window
 * @param channels channels in an input window
 * @param targetLength time steps in a target
 * @param targetChannels channels in a target
 * @param channelNames names of the input channels, in order
 * @param classes for a classification dataset, the class names; the target is then {@code [1, 1]} holding the
 *     class's index in this list. Empty for every other task
 * @param targetKind what the targets are
 * @param targetNames names of the target channels (for labels and values; the input's names for forecasts)
 */
public record WindowShape(
    int inputLength, int channels, int targetLength, int targetChannels, List<String> channelNames,
    List<String> classes, TargetKind targetKind, List<String> targetNames) {

  public WindowShape {
    channelNames = List.copyOf(channelNames);
    classes = List.copyOf(classes);
    targetNames = List.copyOf(targetNames);
    if (targetKind == TargetKind.CLASS && classes.isEmpty()) {
      throw new IllegalArgumentException("a classification shape needs its class names");
    }
  }

  /** A forecasting shape (targets: the next {@code targetLength} steps of the last {@code targetChannels} inputs). */
  public WindowShape(int inputLength, int channels, int targetLength, int targetChannels, List<String> channelNames) {
    this(inputLength, channels, targetLength, targetChannels, channelNames, List.of(), TargetKind.FUTURE,
        channelNames.subList(channels - targetChannels, channels));
  }

  /** A classification shape when {@code classes} is not empty, otherwise a forecasting one. */
  public WindowShape(int inputLength, int channels, int targetLength, int targetChannels, List<String> channelNames,
      List<String> classes) {
    this(inputLength, channels, targetLength, targetChannels, channelNames, classes,
        classes.isEmpty() ? TargetKind.FUTURE : TargetKind.CLASS,
        classes.isEmpty() ? channelNames.subList(channels - targetChannels, channels) : List.of("class"));
  }

  /** Windows with a label per step ({@code labelNames}, one target channel each). */
  public static WindowShape stepLabels(int inputLength, List<String> channelNames, List<String> labelNames) {
    return new WindowShape(inputLength, channelNames.size(), inputLength, labelNames.size(), channelNames, List.of(),
        TargetKind.STEP_LABELS, labelNames);
  }

  /** Windows with scalar targets ({@code valueNames}), {@code [1, values]}. */
  public static WindowShape values(int inputLength, List<String> channelNames, List<String> valueNames) {
    return new WindowShape(inputLength, channelNames.size(), 1, valueNames.size(), channelNames, List.of(),
        TargetKind.VALUES, valueNames);
  }

  /** Windows without targets. */
  public static WindowShape inputOnly(int inputLength, List<String> channelNames) {
    return new WindowShape(inputLength, channelNames.size(), 0, 0, channelNames, List.of(), TargetKind.NONE,
        List.of());
  }

  public boolean isClassification() {
    return targetKind == TargetKind.CLASS;
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
