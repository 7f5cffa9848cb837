package io.tsllm.datasets.hdf5;

import io.tsllm.datasets.series.SplitRatios;
import io.tsllm.spi.ConfigProblems;
import java.util.List;

/**
 * What a trace dataset's config asks of its traces, whatever holds them (one HDF5 file, or DiTing's parts and
 * their CSV metadata): the task's targets by reference, the crop, the split and the scaling. References are the
 * loader's own (an HDF5 path or {@code @attribute}; a DiTing metadata column).
 */
interface TraceTask {

  List<String> channelNames();

  List<String> values();

  String labels();

  List<String> classNames();

  List<String> picks();

  List<String> pickNames();

  Double pickSigma();

  String cropAt();

  Integer cropBefore();

  Integer cropLength();

  Double trainRatio();

  Double testRatio();

  Long splitSeed();

  Boolean scale();

  Boolean skipMissingTargets();

  /** Samples kept before the crop reference: {@code crop_before}, or half the crop. */
  default int samplesBeforeCrop() {
    return cropBefore() != null ? cropBefore() : cropLength() / 2;
  }

  /**
   * Reports what any trace loader refuses: not exactly one task, empty reference lists, pick names that do not
   * match the picks, a negative pick width, an incomplete crop, bad split ratios.
   *
   * @param reference what a reference is, for messages ("reference", "column")
   * @param cropExample a sample reference to crop at, for messages
   */
  default void checkTask(ConfigProblems problems, String reference, String cropExample) {
    int tasks = (values() != null ? 1 : 0) + (labels() != null ? 1 : 0) + (picks() != null ? 1 : 0);
    if (tasks != 1) {
      problems.reject("values", tasks == 0 ? "none of values, labels, picks" : "several of values, labels, picks",
          "exactly one of values (regression), labels (classification) or picks (per-sample labels)");
    }
    problems.check(values() == null || !values().isEmpty(), "values", values(), "at least one " + reference);
    problems.check(picks() == null || !picks().isEmpty(), "picks", picks(), "at least one " + reference);
    problems.check(pickNames() == null || picks() != null && pickNames().size() == picks().size()
        && pickNames().stream().allMatch(n -> n != null && !n.isBlank()), "pick_names", pickNames(),
        "one non-blank name per " + reference + " in picks" + (picks() == null ? " (there are no picks)"
            : " (" + picks().size() + ")"));
    problems.check(pickSigma() >= 0, "pick_sigma", pickSigma(), "a width in samples >= 0");
    if (cropAt() != null || cropLength() != null || cropBefore() != null) {
      problems.check(cropAt() != null && !cropAt().isBlank(), "crop_at", cropAt(),
          "a per-trace sample " + reference + " (" + cropExample + ") when cropping");
      problems.check(cropLength() != null && cropLength() > 0, "crop_length", cropLength(),
          "samples > 0 when cropping");
      problems.check(cropBefore() == null || cropBefore() >= 0 && (cropLength() == null
          || cropBefore() < cropLength()), "crop_before", cropBefore(), "samples >= 0 and below crop_length");
    }
    SplitRatios.check(problems, trainRatio(), testRatio(), "traces");
  }

  /** One number per trace for each reference, as a loader finds them. */
  interface ColumnReader {
    /** @param finite refuse a trace whose value is missing or not finite */
    float[][] read(List<String> references, boolean finite);
  }
}
