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

  /**
   * The name of the column that holds the rows' timestamps, when the data is a table that has one (a CSV's date
   * column): exports record it, so that {@code predict} reads series in the layout the model was trained on.
   * Empty (the default) otherwise.
   */
  default Optional<String> timestampColumn() {
    return Optional.empty();
  }

  /** The files the data came from, fingerprinted in each run's provenance. */
  List<Path> sourceFiles();

  /** Facts worth recording with a run: split borders, row counts, columns. Values must be JSON-serializable. */
  Map<String, Object> describe();
}
