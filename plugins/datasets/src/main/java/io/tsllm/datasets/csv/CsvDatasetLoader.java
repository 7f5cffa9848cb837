package io.tsllm.datasets.csv;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a CSV time series (a timestamp column and numeric channels) for forecasting in the field's modes (M, S,
 * MS), with the ETT split borders or the ratio protocol, missing values refused or filled, and a standard scaler
 * fitted on the training rows.
 */
public final class CsvDatasetLoader implements DatasetLoader<CsvDatasetConfig> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CsvDatasetLoader.class);

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public Class<CsvDatasetConfig> configType() {
    return CsvDatasetConfig.class;
  }

  @Override
  public String description() {
    return "CSV time series: M/S/MS, ETT borders or ratio split, missing-value filling, train-fitted scaling";
  }

  @Override
  public Dataset load(CsvDatasetConfig config, DataContext context) {
    Path file = context.resolve(config.path());
    CsvTable all = new CsvTableReader().read(file, config.dateColumn(), config.skipBadRows());
    CsvTable table = select(all, config, file);
    int filled = new MissingValues().fill(table, config.missing(), file);
    int inputLength = config.inputLength();
    int horizon = config.horizon();
    SplitBorders borders = "ratio".equals(config.split())
        ? SplitBorders.ratio(table.rows(), config.trainRatio(), config.testRatio(), inputLength)
        : SplitBorders.ett(config.split(), table.rows(), inputLength, file);
    Map<String, SplitBorders.Borders> splits = new LinkedHashMap<>();
    splits.put("train", borders.train());
    splits.put("validation", borders.validation());
    splits.put("test", borders.test());
    for (Map.Entry<String, SplitBorders.Borders> entry : splits.entrySet()) {
      SplitBorders.Borders b = entry.getValue();
      if (b.start() < 0 || b.windows(inputLength, horizon) < 1) {
        throw new DataException(file, null, "the " + entry.getKey() + " split (rows " + b.start() + " to " + b.end()
            + ") is too short for one window of input_length " + inputLength + " + horizon " + horizon);
      }
    }
    ChannelScaler scaler = config.scale()
        ? new StandardScalerFit().fit(table, borders.trainEnd())
        : new StandardScalerFit().identity(table.width());
    float[] scaled = scale(table, borders.rowsUsed(), scaler);
    int width = table.width();
    int targetWidth = "MS".equals(config.features()) ? 1 : width;
    WindowShape shape = new WindowShape(inputLength, width, horizon, targetWidth, table.columns());
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("file", file.toString());
    description.put("rows", table.rows());
    description.put("rows_used", borders.rowsUsed());
    description.put("columns", table.columns());
    description.put("features", config.features());
    description.put("split", config.split());
    splits.forEach((name, b) -> description.put(
        name, Map.of("start", b.start(), "end", b.end(), "windows", b.windows(inputLength, horizon))));
    description.put("missing_filled", filled);
    description.put("rows_skipped", table.skipped().size());
    description.put("scaler_mean", scaler.mean());
    description.put("scaler_scale", scaler.scale());
    if (filled > 0) {
      LOG.info("{}: filled {} missing values ({})", file, filled, config.missing());
    }
    if (!table.skipped().isEmpty()) {
      LOG.warn("{}: skipped {} malformed rows, e.g. {}", file, table.skipped().size(),
          table.skipped().subList(0, Math.min(3, table.skipped().size())));
    }
    return new LoadedDataset(
        shape,
        new ForecastWindows(scaled, width, targetWidth, splits.get("train"), inputLength, horizon),
        new ForecastWindows(scaled, width, targetWidth, splits.get("validation"), inputLength, horizon),
        new ForecastWindows(scaled, width, targetWidth, splits.get("test"), inputLength, horizon),
        config.scale() ? Optional.of(scaler) : Optional.empty(),
        List.of(file),
        description);
  }

  /** The channels the mode asks for, the target last, as Time-Series-Library orders them. */
  private static CsvTable select(CsvTable table, CsvDatasetConfig config, Path file) {
    List<String> features = config.columns() != null ? config.columns() : table.columns();
    for (String column : features) {
      if (!table.columns().contains(column)) {
        throw new DataException(file, "line 1", "has no column '" + column + "' (data.columns); it has "
            + table.columns());
      }
    }
    String target = config.target();
    boolean hasTarget = table.columns().contains(target);
    if (!hasTarget && !"M".equals(config.features())) {
      throw new DataException(file, "line 1", "has no target column '" + target + "' (data.target); it has "
          + table.columns());
    }
    List<String> order = new ArrayList<>();
    if (!"S".equals(config.features())) {
      features.stream().filter(c -> !c.equals(target)).forEach(order::add);
    }
    if (hasTarget && (!"M".equals(config.features()) || features.contains(target))) {
      order.add(target);
    }
    if (order.equals(table.columns())) {
      return table;
    }
    int[] index = order.stream().mapToInt(table.columns()::indexOf).toArray();
    float[] values = new float[table.rows() * index.length];
    for (int r = 0; r < table.rows(); r++) {
      for (int c = 0; c < index.length; c++) {
        values[r * index.length + c] = table.value(r, index[c]);
      }
    }
    return new CsvTable(order, table.rows(), values, table.lines(), table.skipped());
  }

  private static float[] scale(CsvTable table, int rows, ChannelScaler scaler) {
    int width = table.width();
    float[] scaled = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < width; c++) {
        scaled[r * width + c] = (float) scaler.scale(table.value(r, c), c);
      }
    }
    return scaled;
  }

  private record LoadedDataset(
      WindowShape shape,
      WindowSplit train,
      WindowSplit validation,
      WindowSplit test,
      Optional<ChannelScaler> scaler,
      List<Path> sourceFiles,
      Map<String, Object> describe)
      implements Dataset {}
}
