package io.tsllm.seismic.dataset;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.datasets.series.SplitRatios;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Config of the {@code seismic} loader: MiniSEED and SAC traces as the channels of one continuous series.
 */
public record SeismicDatasetConfig(
    @JsonPropertyDescription("MiniSEED (.mseed, or any other name) and SAC (.sac) files")
    List<String> files,
    @JsonPropertyDescription("the channels to use, in order: full ids (NET.STA.LOC.CHA) or their last parts (BHZ, "
        + "00.BHZ); absent means every channel, in file order")
    List<String> channels,
    @JsonPropertyDescription("between a channel's records: fail, zero (fill with 0) or interpolate")
    String gaps,
    @JsonPropertyDescription("phase picks by name (P, S) as UTC times (2005-07-23T14:52:10.2Z), turned into one "
        + "label channel each; absent means windows without targets")
    Map<String, String> picks,
    @JsonPropertyDescription("the labels' Gaussian width in samples around each pick; 0 labels only the pick's "
        + "sample")
    Double pickSigma,
    @JsonPropertyDescription("samples per window")
    Integer inputLength,
    @JsonPropertyDescription("samples between window starts (default: the window length)")
    Integer stride,
    @JsonPropertyDescription("share of the samples, from the start, to train on")
    Double trainRatio,
    @JsonPropertyDescription("share of the samples, at the end, to test on; validation lies between")
    Double testRatio,
    @JsonPropertyDescription("standard-scale each channel with statistics of the training samples")
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
