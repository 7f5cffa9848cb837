package io.tsllm.datasets.hdf5;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code hdf5} loader: waveforms {@code [N, T, C]} in one HDF5 dataset, or STEAD's group of one
 * {@code [T, C]} dataset per trace (taken in name order), with per-trace targets beside them. Exactly one of
 * {@code values}, {@code labels} or {@code picks} says the task. A target reference is a dataset path
 * ({@code /meta/magnitude}) holding one number per trace, or {@code @name}: an attribute of the waveforms dataset
 * holding one number per trace, or, in STEAD's layout, each trace's own attribute (text is parsed, blanks are NaN).
 */
public record Hdf5DatasetConfig(
    @JsonPropertyDescription("the HDF5 file")
    String path,
    @JsonPropertyDescription("the path of the waveforms: a dataset [traces, samples, channels] or a group of "
        + "[samples, channels] datasets (STEAD's /data)")
    String waveforms,
    @JsonPropertyDescription("names of the channels (default c0, c1, ...)")
    List<String> channelNames,
    @JsonPropertyDescription("references to per-trace values for regression (e.g. a magnitude)")
    List<String> values,
    @JsonPropertyDescription("a reference to per-trace class indices 0..k-1 for classification")
    String labels,
    @JsonPropertyDescription("names of the classes (default the indices)")
    List<String> classNames,
    @JsonPropertyDescription("references to per-trace pick samples (e.g. P and S arrivals) turned into per-sample "
        + "labels; a negative or NaN sample means no pick")
    List<String> picks,
    @JsonPropertyDescription("names of the pick labels, one per reference in picks (default the references' own"
        + " names, e.g. p_arrival_sample); a picking model's outputs and picks carry them")
    List<String> pickNames,
    @JsonPropertyDescription("the labels' Gaussian width in samples around each pick (PhaseNet, SeisMoLLM); 0 "
        + "labels only the pick's sample")
    Double pickSigma,
    @JsonPropertyDescription("cut each trace to crop_length samples around this per-trace sample reference (e.g."
        + " @p_arrival_sample, for first-motion polarity on windows around P); traces without it are left out and"
        + " counted; picks move with the cut")
    String cropAt,
    @JsonPropertyDescription("samples kept before the crop_at sample (default half of crop_length)")
    Integer cropBefore,
    @JsonPropertyDescription("samples in each cut window; samples beyond the trace's ends are zeros")
    Integer cropLength,
    @JsonPropertyDescription("share of traces to train on")
    Double trainRatio,
    @JsonPropertyDescription("share of traces to test on; the rest validates")
    Double testRatio,
    @JsonPropertyDescription("seeds the shuffle of traces before the split")
    Long splitSeed,
    @JsonPropertyDescription("standard-scale each channel with statistics of the training traces")
    Boolean scale,
    @JsonPropertyDescription("leave out (and count) traces without a finite value or label, such as STEAD's noise "
        + "traces without a magnitude, instead of refusing the file")
    Boolean skipMissingTargets)
    implements PluginConfig, TraceTask {

  public Hdf5DatasetConfig {
    pickSigma = pickSigma == null ? 10.0 : pickSigma;
    trainRatio = trainRatio == null ? 0.7 : trainRatio;
    testRatio = testRatio == null ? 0.2 : testRatio;
    splitSeed = splitSeed == null ? 0L : splitSeed;
    scale = scale == null ? Boolean.TRUE : scale;
    skipMissingTargets = skipMissingTargets == null ? Boolean.FALSE : skipMissingTargets;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPresent("path", path, "an HDF5 file");
    problems.checkPresent("waveforms", waveforms, "the dataset path of the waveforms [traces, samples, channels]");
    checkTask(problems, "reference", "@p_arrival_sample or a dataset path");
  }
}
