package io.tsllm.datasets.anomaly;

import io.tsllm.spi.DataContext;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a Numenta Anomaly Benchmark series with its labelled anomaly windows for anomaly detection: rows split
 * by ratio into train, validation and test, in time order.
 */
public final class NabDatasetLoader implements DatasetLoader<NabDatasetConfig> {

  /** NAB's timestamp column. */
  private static final String TIMESTAMP = "timestamp";

  @Override
  public String name() {
    return "nab";
  }

  @Override
  public Class<NabDatasetConfig> configType() {
    return NabDatasetConfig.class;
  }

  @Override
  public String description() {
    return "NAB series (timestamp,value CSV) with anomaly windows from combined_windows.json; per-step labels";
  }

  @Override
  public Dataset load(NabDatasetConfig config, DataContext context) {
    Path file = context.resolve(config.path());
    Path labelsFile = context.resolve(config.labels());
    NumericRows rows = NumericRows.read(file, true, TIMESTAMP);
    float[] labels = NabLabels.label(labelsFile, config.labelsKey(), file, rows.timestamps());
    int n = rows.rows();
    int trainEnd = (int) (n * config.trainRatio());
    int testStart = n - (int) (n * config.testRatio());
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("file", file.toString());
    facts.put("labels", labelsFile.toString());
    facts.put("rows", n);
    facts.put("borders", List.of(0, trainEnd, testStart, n));
    return new AnomalyDatasetBuilder().build(
        part(rows, labels, 0, trainEnd), part(rows, labels, trainEnd, testStart), part(rows, labels, testStart, n),
        config.inputLength(), config.stride(), config.scale(), List.of(file, labelsFile), facts)
        .withTimestampColumn(TIMESTAMP);
  }

  private static LabelledSeries part(NumericRows rows, float[] labels, int from, int to) {
    return new LabelledSeries(rows.columns(), to - from, rows.rows(from, to), Arrays.copyOfRange(labels, from, to),
        rows.timestamps().subList(from, to));
  }
}
