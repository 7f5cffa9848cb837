package io.tsllm.datasets.seismic;

import io.tsllm.datasets.series.SplitRatios;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Config of the {@code seismic} loader: MiniSEED and SAC traces as the channels of one continuous series.
 *
 * @param files MiniSEED ({@code .mseed}, or any other name) and SAC ({@code .sac}) files
 * @param channels the channels to use, in order: full ids ({@code NET.STA.LOC.CHA}) or their last parts
 *     ({@code BHZ}, {@code 00.BHZ}); absent means every channel, in file order
 * @param gaps between a channel's records: {@code fail}, {@code zero} (fill with 0) or {@code interpolate}
 * @param picks phase picks by name ({@code P}, {@code S}) as UTC times ({@code 2005-07-23T14:52:10.2Z}), turned
 *     into one label channel each; absent means windows without targets
 * @param pickSigma the labels' Gaussian width in samples around each pick; 0 labels only the pick's sample
 * @param inputLength samples per window
 * @param stride samples between window starts (default: the window length)
 * @param trainRatio share of the samples, from the start, to train on
 * @param testRatio share of the samples, at the end, to test on; validation lies between
 * @param scale standard-scale each channel with statistics of the training samples
 */
public record SeismicDatasetConfig(
    List<String> files,
    List<String> channels,
    String gaps,
    Map<String, String> picks,
    Double pickSigma,
    Integer inputLength,
    Integer stride,
    Double trainRatio,
    Double testRatio,
    Boolean scale)
    implements PluginConfig {

  static final List<String> GAPS = List.of("fail", "zero", "interpolate");

  public SeismicDatasetConfig {
    gaps = gaps == null ? "fail" : gaps;
    pickSigma = pickSigma == null ? 20.0 : pickSigma;
    stride = stride == null ? inputLength : stride;
    trainRatio = trainRatio == null ? 0.7 : trainRatio;
    testRatio = testRatio == null ? 0.2 : testRatio;
    scale = scale == null ? Boolean.TRUE : scale;
  }

  @Override
  public void validate(ConfigProblems problems) {
    if (problems.checkPresent("files", files, "a list of MiniSEED or SAC files")) {
      problems.check(!files.isEmpty(), "files", files, "at least one MiniSEED or SAC file");
    }
    problems.check(channels == null || !channels.isEmpty(), "channels", channels, "channel ids, or leave it out");
    problems.check(GAPS.contains(gaps), "gaps", gaps, "one of " + GAPS);
    if (picks != null) {
      picks.forEach((name, time) -> {
        try {
          Instant.parse(time);
        } catch (DateTimeParseException | NullPointerException e) {
          problems.reject("picks." + name, time, "a UTC time such as 2005-07-23T14:52:10.2Z");
        }
      });
    }
    problems.check(pickSigma >= 0, "pick_sigma", pickSigma, "a width in samples >= 0");
    problems.checkPositive("input_length", inputLength);
    problems.check(stride == null || stride > 0, "stride", stride, "an integer >= 1 (default: input_length)");
    SplitRatios.check(problems, trainRatio, testRatio, "samples");
  }
}
