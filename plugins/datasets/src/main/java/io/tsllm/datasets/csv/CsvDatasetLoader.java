package io.tsllm.datasets.csv;

import io.tsllm.datasets.series.ForecastDatasetBuilder;
import io.tsllm.datasets.series.ForecastOptions;
import io.tsllm.datasets.series.SeriesTable;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import java.nio.file.Path;

/**
 * Loads a CSV time series (a timestamp column and numeric channels) for forecasting in the field's modes (M, S,
 * MS), with the ETT split borders or the ratio protocol, missing values refused or filled, and a standard scaler
 * fitted on the training rows.
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
    return "CSV time series: M/S/MS, ETT borders or ratio split, missing-value filling, train-fitted scaling";
  }

  @Override
  public Dataset load(CsvDatasetConfig config, DataContext context) {
    Path file = context.resolve(config.path());
    SeriesTable table = new CsvTableReader().read(file, config.dateColumn(), config.skipBadRows());
    return new ForecastDatasetBuilder().build(table, config.forecastOptions(), file);
  }
}
