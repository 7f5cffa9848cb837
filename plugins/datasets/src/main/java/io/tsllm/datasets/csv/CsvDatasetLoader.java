package io.tsllm.datasets.csv;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads an ETT-style CSV (a timestamp column and numeric channels) for multivariate forecasting with the ETT split
 * protocol and a standard scaler fitted on the training rows.
 */
public final class CsvDatasetLoader implements DatasetLoader<CsvDatasetConfig> {

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
    return "CSV time series (ETT layout: date + numeric channels), ETT split borders, train-fitted standard scaling";
  }

  @Override
  public Dataset load(CsvDatasetConfig config, DataContext context) {
    Path file = context.resolve(config.path());
    CsvTable table = new CsvTableReader().read(file, config.dateColumn());
    EttSplit split = EttSplit.PRESETS.get(config.split());
    if (table.rows() < split.testEnd()) {
      throw new DataException(
          file,
          null,
          "has " + table.rows() + " data rows; the '" + config.split() + "' split needs at least " + split.testEnd()
              + " (train [0, " + split.trainEnd() + "), validation to " + split.validationEnd() + ", test to "
              + split.testEnd() + ")");
    }
    int inputLength = config.inputLength();
    int horizon = config.horizon();
    ChannelScaler scaler = config.scale()
        ? new StandardScalerFit().fit(table, split.trainEnd())
        : new StandardScalerFit().identity(table.width());
    float[] scaled = scale(table, split.testEnd(), scaler);
    Map<String, EttSplit.Borders> borders = new LinkedHashMap<>();
    borders.put("train", split.train());
    borders.put("validation", split.validation(inputLength));
    borders.put("test", split.test(inputLength));
    for (Map.Entry<String, EttSplit.Borders> entry : borders.entrySet()) {
      if (entry.getValue().windows(inputLength, horizon) < 1) {
        EttSplit.Borders b = entry.getValue();
        throw new DataException(
            file,
            null,
            "the " + entry.getKey() + " split (rows " + b.start() + " to " + b.end() + ") is too short for one window"
                + " of input_length " + inputLength + " + horizon " + horizon);
      }
    }
    int width = table.width();
    WindowShape shape = new WindowShape(inputLength, width, horizon, width, table.columns());
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("file", file.toString());
    description.put("rows", table.rows());
    description.put("rows_used", split.testEnd());
    description.put("columns", table.columns());
    description.put("split", config.split());
    borders.forEach((name, b) -> description.put(
        name, Map.of("start", b.start(), "end", b.end(), "windows", b.windows(inputLength, horizon))));
    description.put("scaler_mean", scaler.mean());
    description.put("scaler_scale", scaler.scale());
    return new LoadedDataset(
        shape,
        new ForecastWindows(scaled, width, borders.get("train"), inputLength, horizon),
        new ForecastWindows(scaled, width, borders.get("validation"), inputLength, horizon),
        new ForecastWindows(scaled, width, borders.get("test"), inputLength, horizon),
        config.scale() ? Optional.of(scaler) : Optional.empty(),
        List.of(file),
        description);
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
