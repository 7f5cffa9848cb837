package io.tsllm.datasets.hdf5;

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

  /** One number per trace for each reference, as a loader finds them. */
  interface ColumnReader {
    /** @param finite refuse a trace whose value is missing or not finite */
    float[][] read(List<String> references, boolean finite);
  }
}
