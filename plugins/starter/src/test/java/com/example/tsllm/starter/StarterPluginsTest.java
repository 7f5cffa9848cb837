package com.example.tsllm.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.WindowShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The starter's plugins on their own, without tsllm's core: what a plugin author tests first. */
class StarterPluginsTest {

  @TempDir Path temp;

  @Test
  void loaderSplitsInTimeOrderAndScalesWithTheTrainingRows() throws Exception {
    StringBuilder text = new StringBuilder("# a comment\n");
    for (int i = 0; i < 100; i++) {
      text.append(i).append('\n').append(i % 10 == 0 ? "\n" : "");
    }
    Path file = Files.writeString(temp.resolve("series.txt"), text);
    var config = new LinesDatasetLoader.Config("series.txt", 8, 2, 0.6, 0.2, null);

    Dataset data = new LinesDatasetLoader().load(config, temp::resolve);

    assertEquals(60 - 8 - 2 + 1, data.train().size());
    assertEquals(20 + 8 - 8 - 2 + 1, data.validation().size(), "validation windows start a window early");
    assertEquals(20 + 8 - 8 - 2 + 1, data.test().size());
    ChannelScaler scaler = data.scaler().orElseThrow();
    assertEquals(29.5, scaler.mean()[0], 1e-9, "the mean of rows 0..59");
    float[] target = new float[2];
    data.test().copyTarget(0, target, 0);
    assertEquals(80, scaler.inverse(target[0], 0), 1e-4, "the first test target is row 80");
    assertEquals(List.of(file), data.sourceFiles());
  }

  @Test
  void loaderNamesTheLineOfABadNumber() throws Exception {
    Files.writeString(temp.resolve("bad.txt"), "1\n2\n\nthree\n");
    var config = new LinesDatasetLoader.Config("bad.txt", 1, 1, null, null, null);

    DataException error = assertThrows(DataException.class,
        () -> new LinesDatasetLoader().load(config, temp::resolve));

    assertTrue(error.getMessage().contains("bad.txt") && error.getMessage().contains("line 4")
        && error.getMessage().contains("'three'"), error.getMessage());
  }

  @Test
  void evaluatorScoresTheModelBesideTheWindowMean() {
    WindowShape shape = new WindowShape(2, 1, 1, 1, List.of("value"));
    var evaluator = new L1ForecastEvaluator(shape, Optional.empty());
    // Windows [1, 3] -> 4 (predicted 3) and [2, 2] -> 2 (predicted 2).
    evaluator.add(EvaluationBatch.of(new float[] {1, 3, 2, 2}, new float[] {3, 2}, new float[] {4, 2}, 2));

    Map<String, Double> metrics = evaluator.metrics();

    assertEquals(0.5, metrics.get("mae"), 1e-9);
    assertEquals((200.0 / 7 + 0) / 2, metrics.get("smape"), 1e-9);
    assertEquals(1.0, metrics.get("mean_mae"), 1e-9, "means 2 and 2 against 4 and 2");
    assertEquals((200.0 * 2 / 6 + 0) / 2, metrics.get("mean_smape"), 1e-9);
  }

  @Test
  void headDeclaresAForecastOfEveryChannelAndItsMetrics() {
    WindowShape shape = new WindowShape(96, 1, 24, 1, List.of("value"));
    HeadContract contract = new L1ForecastHead().contract(new L1ForecastHead.Config(null), shape);

    assertEquals(OutputRole.FORECAST, contract.prediction().role());
    assertEquals(1, contract.prediction().channels().orElseThrow().count());
    assertEquals(List.of("smape", "mae"), contract.keyMetrics().stream().map(MetricSpec::name).toList());
    assertEquals("mean_smape", contract.baselines().get(0).key("smape"));
  }

  @Test
  void theRecordReaderStreamsTheNumbersAndChecksItsOptions() throws Exception {
    Path file = Files.writeString(temp.resolve("series.txt"), "# a comment\n1.5\n\n-2\n3e1\n");
    LinesRecordReader reader = new LinesRecordReader();
    LinesRecordReader.Options options = new LinesRecordReader.Options(null, 2.0, "2026-01-02T03:04:05Z");
    var channel = reader.channels(file, options).get(0);
    assertEquals("value", channel.id());
    assertEquals("series", channel.source());
    assertEquals(java.time.Instant.parse("2026-01-02T03:04:05Z"), channel.start());
    try (var stream = reader.open(channel, options)) {
      float[] read = new float[4];
      assertEquals(2, stream.read(read, 0, 2));
      assertEquals(1, stream.read(read, 2, 2));
      assertEquals(-1, stream.read(read, 3, 1));
      assertEquals(List.of(1.5f, -2f, 30f), List.of(read[0], read[1], read[2]));
    }
    List<String> problems = new java.util.ArrayList<>();
    new LinesRecordReader.Options(null, 0.0, "yesterday").validate((field, value, expected) -> problems.add(field));
    assertEquals(List.of("rate", "start"), problems);
    Path bad = Files.writeString(temp.resolve("bad.txt"), "1\nx\n");
    try (var stream = reader.open(reader.channels(bad, options).get(0), options)) {
      DataException e = assertThrows(DataException.class, () -> stream.read(new float[4], 0, 4));
      assertTrue(e.getMessage().contains("bad.txt, line 2"), e.getMessage());
    }
  }
}
