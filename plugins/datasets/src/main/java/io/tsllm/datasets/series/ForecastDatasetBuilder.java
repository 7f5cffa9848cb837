package io.tsllm.datasets.series;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataException;
import io.tsllm.spi.WindowShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a series into a forecasting dataset in the field's protocol: channels chosen for the mode (M, S, MS; the
 * target last, as Time-Series-Library orders them), missing values refused or filled, ETT or ratio split borders, a
 * standard scaler fitted on the training rows, stride-1 windows produced on demand.
 */
public final class ForecastDatasetBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(ForecastDatasetBuilder.class);

  public LoadedDataset build(SeriesTable source, ForecastOptions options, Path file) {
    SeriesTable table = select(source, options, file);
    int filled = new MissingValues().fill(table, options.missing(), file);
    int inputLength = options.inputLength();
    int horizon = options.horizon();
    SplitBorders borders = "ratio".equals(options.split())
        ? SplitBorders.ratio(table.rows(), options.trainRatio(), options.testRatio(), inputLength)
        : SplitBorders.ett(options.split(), table.rows(), inputLength, file);
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
    ChannelScaler scaler = options.scale()
        ? new StandardScalerFit().fit(table, borders.trainEnd())
        : new StandardScalerFit().identity(table.width());
    float[] scaled = scale(table, borders.rowsUsed(), scaler);
    int width = table.width();
    int targetWidth = horizon == 0 ? 0 : "MS".equals(options.features()) ? 1 : width;
    WindowShape shape = horizon == 0 ? WindowShape.inputOnly(inputLength, table.columns())
        : new WindowShape(inputLength, width, horizon, targetWidth, table.columns());
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("file", file.toString());
    description.put("rows", table.rows());
    description.put("rows_used", borders.rowsUsed());
    description.put("columns", table.columns());
    description.put("features", options.features());
    description.put("split", options.split());
    splits.forEach((name, b) -> description.put(
        name, Map.of("start", b.start(), "end", b.end(), "windows", b.windows(inputLength, horizon))));
    description.put("missing_filled", filled);
    description.put("rows_skipped", table.skipped().size());
    description.put("scaler_mean", scaler.mean());
    description.put("scaler_scale", scaler.scale());
    if (filled > 0) {
      LOG.info("{}: filled {} missing values ({})", file, filled, options.missing());
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
        options.scale() ? Optional.of(scaler) : Optional.empty(),
        List.of(file),
        description,
        Optional.ofNullable(table.timestampColumn()));
  }

  private static SeriesTable select(SeriesTable table, ForecastOptions options, Path file) {
    String where = table.rowLabel().equals("line") ? "line 1" : null;
    List<String> features = options.columns() != null ? options.columns() : table.columns();
    for (String column : features) {
      if (!table.columns().contains(column)) {
        throw new DataException(file, where, "has no column '" + column + "' (data.columns); it has "
            + table.columns());
      }
    }
    String target = options.target();
    boolean hasTarget = table.columns().contains(target);
    if (!hasTarget && !"M".equals(options.features())) {
      throw new DataException(file, where, "has no target column '" + target + "' (data.target); it has "
          + table.columns());
    }
    List<String> order = new ArrayList<>();
    if (!"S".equals(options.features())) {
      features.stream().filter(c -> !c.equals(target)).forEach(order::add);
    }
    if (hasTarget && (!"M".equals(options.features()) || features.contains(target))) {
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
    return new SeriesTable(order, table.rows(), values, table.rowLabel(), table.lines(), table.skipped(),
        table.timestampColumn());
  }

  private static float[] scale(SeriesTable table, int rows, ChannelScaler scaler) {
    int width = table.width();
    float[] scaled = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < width; c++) {
        scaled[r * width + c] = (float) scaler.scale(table.value(r, c), c);
      }
    }
    return scaled;
  }
}
