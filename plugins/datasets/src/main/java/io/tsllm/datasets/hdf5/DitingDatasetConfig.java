package io.tsllm.datasets.hdf5;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code diting} loader: DiTing's {@code DiTing330km_part_<i>.hdf5} waveforms with the per-trace
 * labels of the {@code DiTing330km_part_<i>.csv} beside each. References are metadata columns.
 */
public record DitingDatasetConfig(
    @JsonPropertyDescription("the folder holding DiTing330km_part_<i>.hdf5 and DiTing330km_part_<i>.csv")
    String folder,
    @JsonPropertyDescription("the parts to read (default every part 0..27 whose two files are in the folder)")
    List<Integer> parts,
    @JsonPropertyDescription("names of the channels (DiTing stores Z, N, E)")
    List<String> channelNames,
    @JsonPropertyDescription("metadata columns of per-trace values for regression: evmag and st_mag (converted to ML"
        + " from mag_type as SeisT does), dis (km), baz (degrees, modulo 360), or any numeric column")
    List<String> values,
    @JsonPropertyDescription("a metadata column of classes: p_motion (U or C: up, R or D: down) or p_clarity"
        + " (I: impulsive, else emergent)")
    String labels,
    @JsonPropertyDescription("names of the classes (default up, down for p_motion; impulsive, emergent for"
        + " p_clarity)")
    List<String> classNames,
    @JsonPropertyDescription("metadata columns of pick samples turned into per-sample labels (p_pick, s_pick)")
    List<String> picks,
    @JsonPropertyDescription("names of the pick labels (default P, S for p_pick, s_pick, else the columns)")
    List<String> pickNames,
    @JsonPropertyDescription("the labels' Gaussian width in samples around each pick (DiTing: 50 Hz)")
    Double pickSigma,
    @JsonPropertyDescription("cut each trace to crop_length samples around this column's sample (e.g. p_pick)")
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
    @JsonPropertyDescription("leave out (and count) traces without a value or label instead of refusing them")
    Boolean skipMissingTargets)
    implements PluginConfig, TraceTask {

  static final int PARTS = 28;

  public DitingDatasetConfig {
    parts = parts == null ? null : List.copyOf(parts);
    channelNames = channelNames == null ? List.of("Z", "N", "E") : List.copyOf(channelNames);
    pickSigma = pickSigma == null ? 5.0 : pickSigma;
    trainRatio = trainRatio == null ? 0.8 : trainRatio;
    testRatio = testRatio == null ? 0.1 : testRatio;
    splitSeed = splitSeed == null ? 0L : splitSeed;
    scale = scale == null ? Boolean.TRUE : scale;
    skipMissingTargets = skipMissingTargets == null ? Boolean.TRUE : skipMissingTargets;
    if (classNames == null && "p_motion".equals(labels)) {
      classNames = List.of("up", "down");
    } else if (classNames == null && "p_clarity".equals(labels)) {
      classNames = List.of("impulsive", "emergent");
    }
    if (pickNames == null && picks != null) {
      pickNames = picks.stream().map(p -> p.equals("p_pick") ? "P" : p.equals("s_pick") ? "S" : p).toList();
    }
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPresent("folder", folder, "the folder of DiTing's part files");
    problems.check(parts == null || !parts.isEmpty() && parts.stream().allMatch(p -> p != null && p >= 0
        && p < PARTS), "parts", parts, "part numbers 0.." + (PARTS - 1));
    checkTask(problems, "column", "p_pick");
    problems.check(labels == null || DitingMetadata.CLASS_COLUMNS.contains(labels), "labels", labels,
        "one of " + DitingMetadata.CLASS_COLUMNS);
  }
}
