package io.tsllm.datasets.series;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A dataset whose parts are all in hand once loaded: what every loader without open files returns. */
public record LoadedDataset(
    WindowShape shape,
    WindowSplit train,
    WindowSplit validation,
    WindowSplit test,
    Optional<ChannelScaler> scaler,
    List<Path> sourceFiles,
    Map<String, Object> describe,
    Optional<String> timestampColumn)
    implements Dataset {

  /** A dataset whose rows have no timestamp column. */
  public LoadedDataset(WindowShape shape, WindowSplit train, WindowSplit validation, WindowSplit test,
      Optional<ChannelScaler> scaler, List<Path> sourceFiles, Map<String, Object> describe) {
    this(shape, train, validation, test, scaler, sourceFiles, describe, Optional.empty());
  }

  /** The same dataset, its rows timestamped in {@code column} (none when null). */
  public LoadedDataset withTimestampColumn(String column) {
    return new LoadedDataset(shape, train, validation, test, scaler, sourceFiles, describe,
        Optional.ofNullable(column));
  }
}
