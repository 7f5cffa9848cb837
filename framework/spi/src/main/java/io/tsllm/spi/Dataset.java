package io.tsllm.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A loaded dataset: its window shape, its three splits, and how it was scaled. */
public interface Dataset {

  WindowShape shape();

  WindowSplit train();

  WindowSplit validation();

  WindowSplit test();

  /**
   * The scaler fitted on the training split only, used to report metrics on the original scale and built into
   * exports (which take and give original units); empty if unscaled.
   */
  Optional<ChannelScaler> scaler();

  /** The files the data came from, fingerprinted in each run's provenance. */
  List<Path> sourceFiles();

  /** Facts worth recording with a run: split borders, row counts, columns. Values must be JSON-serializable. */
  Map<String, Object> describe();
}
