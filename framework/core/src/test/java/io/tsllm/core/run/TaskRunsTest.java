package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import io.tsllm.core.BrowserCheck;
import io.tsllm.core.Experiments;
import io.tsllm.core.UserInputException;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.serve.SeriesPrediction;
import io.tsllm.core.serve.ServedModel;
import io.tsllm.core.serve.streaming.StreamingInference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Anomaly detection, imputation and regression end to end at CI size, on the real samples the task configs use:
 * each beats its trivial baseline, and the export reproduces it where the export can.
 */
class TaskRunsTest {

  static final Path DATA = Path.of("../../configs/data").toAbsolutePath().normalize();
  static Injector injector;

  @TempDir Path temp;

  @BeforeAll
  static void inject() {
    injector = Injectors.create(PluginLocations.none());
  }

  /** A multi-scale convolutional front-end small enough for CI: 2 branches, 4 blocks of 8-16 channels, patches of 4. */
  private static ObjectNode smallMultiScaleConv(ObjectNode experiment) {
    ObjectNode embedder = experiment.putObject("embedder").put("type", "multiscale-conv").put("branches", 2)
        .put("patch_length", 4);
    embedder.putArray("channels").add(8).add(16).add(16).add(16);
    embedder.putArray("kernels").add(8).add(6).add(4).add(1);
    embedder.putArray("kernel_steps").add(4).add(3).add(2).add(1);
    return embedder;
  }

  private JsonNode run(Path experiment) throws Exception {
    RunResult result = injector.getInstance(ExperimentRunner.class).run(experiment, temp.resolve("runs"), List.of());
    return Experiments.MAPPER.readTree(result.directory().path().resolve("metrics.json").toFile());
  }

  private Path runFolder() throws Exception {
    try (var folders = Files.list(temp.resolve("runs"))) {
      return folders.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  @Test
  void reconstructionFindsNabAnomaliesWithAThresholdFromTrainingScores() throws Exception {
    Path experiment = Experiments.write(temp, e -> {
      e.putObject("data").put("type", "nab").put("path", DATA.resolve("nab/machine_temperature_system_failure.csv")
          .toString()).put("labels", DATA.resolve("nab/combined_windows.json").toString()).put("input_length", 100)
          .put("stride", 10);
      e.putObject("embedder").put("type", "patch").put("patch_length", 10).put("stride", 10);
      e.putObject("head").put("type", "reconstruct").put("anomaly_ratio", 1.0);
    });
    JsonNode metrics = run(experiment);
    JsonNode test = metrics.get("test");
    double threshold = metrics.at("/calibration/threshold").asDouble();
    assertTrue(threshold > 0 && Double.isFinite(threshold), "threshold " + threshold);
    assertEquals(threshold, test.get("threshold").asDouble(), 0);
    for (String key : List.of("mse", "precision", "recall", "f1", "pa_precision", "pa_recall", "pa_f1")) {
      assertTrue(Double.isFinite(test.get(key).asDouble()), key);
    }
    assertTrue(test.get("pa_f1").asDouble() > test.get("naive_f1").asDouble(),
        "point-adjusted F1 " + test.get("pa_f1") + " beats flagging every step " + test.get("naive_f1"));
    assertTrue(test.get("pa_f1").asDouble() >= test.get("f1").asDouble(), "adjustment only adds detections");
    Path run = runFolder();
    assertTrue(Files.size(run.resolve("anomaly.png")) > 1000);
    BrowserCheck.assertRendersCleanly(run.resolve("report.html"), 2);

    Map<String, Double> evaluated = injector.getInstance(ExportEvaluation.class).evaluate(run, null);
    assertEquals(threshold, evaluated.get("threshold"), 1e-5 * threshold, "calibrated again through the export");
    assertEquals(test.get("f1").asDouble(), evaluated.get("f1"), 0.02);

    // predict scores every row of a series with the threshold the model was tested with.
    List<String> lines = Files.readAllLines(DATA.resolve("nab/machine_temperature_system_failure.csv"));
    Path series = Files.write(temp.resolve("series.csv"), lines.subList(0, 251));
    SeriesPrediction.Written written = injector.getInstance(SeriesPrediction.class)
        .predict(run, series, temp.resolve("scores.csv"), "timestamp");
    assertEquals(250, written.rows());
    List<String> scores = Files.readAllLines(temp.resolve("scores.csv"));
    assertEquals("timestamp,score,anomaly", scores.get(0));
    injector.getInstance(SeriesPrediction.class).predict(run, series, temp.resolve("own-layout.csv"), null);
    assertEquals(scores, Files.readAllLines(temp.resolve("own-layout.csv")),
        "a NAB-layout model reads NAB-layout input without naming its timestamp column");
    assertEquals(251, scores.size());
    String[] row = scores.get(1).split(",");
    assertEquals(lines.get(1).split(",")[0], row[0]);
    assertEquals(Double.parseDouble(row[1]) > threshold ? "1" : "0", row[2]);

    // The same series streamed as a record by the CSV reader, windows not overlapping: the same scores and flags
    // where one window covers a row (the last window, aligned to the end, overlaps the one before: stitched there).
    Path streamed = temp.resolve("streamed.csv");
    var summary = injector.getInstance(StreamingInference.class).run(run, new StreamingInference.Options(
        List.of(series), streamed, java.util.Optional.empty(), null, List.of("date_column=timestamp"), List.of(),
        List.of(), 0, "avg", null));
    assertEquals(250, summary.samples());
    assertEquals(3, summary.windows());
    assertEquals("series", summary.source());
    List<String> rows = Files.readAllLines(streamed);
    assertEquals("time,score,anomaly", rows.get(0));
    assertEquals(251, rows.size());
    for (int r = 1; r <= 150; r++) {
      String[] tiled = scores.get(r).split(",");
      String[] stream = rows.get(r).split(",");
      assertEquals(java.time.LocalDateTime.parse(tiled[0].replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC),
          java.time.Instant.parse(stream[0]), "row " + r);
      assertEquals(Double.parseDouble(tiled[1]), Double.parseDouble(stream[1]), 1e-5, "row " + r);
      assertEquals(Double.parseDouble(tiled[2]), Double.parseDouble(stream[2]), 0, "row " + r);
    }

    // A third party's record reader from a plugin jar (the starter's one-number-per-line reader): the same values.
    Path jar = io.tsllm.core.PluginJars.starterJar(Files.createDirectories(temp.resolve("plugins")));
    List<String> values = lines.subList(1, 251).stream().map(l -> l.split(",")[1]).toList();
    Path text = Files.write(temp.resolve("machine.txt"), values);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = io.tsllm.core.cli.Main.execute(Map.of(), new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(err, true), "predict", "--model", run.toString(), "--input", text.toString(),
        "--output", temp.resolve("from-text.csv").toString(), "--overlap", "0", "--plugins", jar.toString(),
        "--reader-option", "rate=" + 1.0 / 300, "--reader-option", "start=" + rows.get(1).split(",")[0]);
    assertEquals(0, code, out + "\n" + err);
    assertTrue(out.toString().startsWith("streamed machine [value] from " + rows.get(1).split(",")[0]), out.toString());
    assertEquals(rows, Files.readAllLines(temp.resolve("from-text.csv")), "the starter's reader streams the same");
  }

  @Test
  void imputationBeatsZeroFillingOnHiddenPointsAndTheExportFillsNaNs() throws Exception {
    Path experiment = Experiments.write(temp, e -> {
      ((ObjectNode) e.get("data")).put("horizon", 0);
      e.putObject("embedder").put("type", "patch").put("patch_length", 8).put("stride", 8);
      e.putObject("head").put("type", "impute").put("mask_ratio", 0.25);
      ((ObjectNode) e.get("training")).put("epochs", 1).put("max_train_steps", 60);
    });
    JsonNode test = run(experiment).get("test");
    assertTrue(test.get("masked_points").asDouble() > 0);
    assertTrue(test.get("mse").asDouble() < test.get("naive_mse").asDouble(),
        "mse " + test.get("mse") + " vs zero filling " + test.get("naive_mse"));
    Path run = runFolder();
    try (ServedModel model = ServedModel.open(run, injector.getInstance(JsonRecords.class))) {
      float[] window = new float[96 * 7];
      for (int i = 0; i < window.length; i++) {
        window[i] = 5 + (i % 7);
      }
      window[10 * 7 + 6] = Float.NaN;
      Map<String, float[]> out = model.call(window, 1);
      float[] filled = out.get("prediction");
      assertTrue(Float.isFinite(filled[10 * 7 + 6]), "the NaN is filled in");
      assertEquals(window[3], filled[3], 1e-4, "observed points are kept");
      assertEquals(1f, out.get("mask")[10 * 7 + 6]);
      assertEquals(1f, sum(out.get("mask")), "only the NaN is hidden in a served model");
    }
    // predict fills the blanks of a CSV series, window by window, the remainder by a window aligned to the end.
    List<String> lines = Files.readAllLines(Experiments.ETTH1).subList(0, 151);
    List<String> holed = new java.util.ArrayList<>(lines);
    holed.set(5, holed.get(5).replaceFirst(",[^,]*$", ","));
    holed.set(140, holed.get(140).replaceFirst(",[^,]*,", ",NaN,"));
    Path series = Files.write(temp.resolve("holes.csv"), holed);
    injector.getInstance(SeriesPrediction.class).predict(run, series, temp.resolve("filled.csv"), "date");
    List<String> filledRows = Files.readAllLines(temp.resolve("filled.csv"));
    assertEquals(lines.get(0), filledRows.get(0), "same header");
    assertEquals(151, filledRows.size());
    for (int r = 1; r < filledRows.size(); r++) {
      String[] got = filledRows.get(r).split(",");
      String[] original = lines.get(r).split(",");
      for (int c = 1; c < original.length; c++) {
        boolean hole = (r == 5 && c == 7) || (r == 140 && c == 1);
        assertTrue(Double.isFinite(Double.parseDouble(got[c])), "row " + r + " column " + c);
        if (!hole) {
          assertEquals(Double.parseDouble(original[c]), Double.parseDouble(got[c]), 1e-3, "observed values kept");
        }
      }
    }
    // The same holes with the channels in reverse order and a column the model does not take: the same output.
    List<String> reordered = new java.util.ArrayList<>();
    for (String line : holed) {
      String[] f = line.split(",", -1);
      reordered.add(String.join(",", f[0], f[7], f[6], f[5], f[4], f[3], f[2], f[1], "x"));
    }
    Path moved = Files.write(temp.resolve("holes-moved.csv"), reordered);
    var written = injector.getInstance(SeriesPrediction.class).predict(run, moved, temp.resolve("moved.csv"), null);
    assertEquals(List.of("x"), written.ignoredColumns());
    assertEquals(filledRows, Files.readAllLines(temp.resolve("moved.csv")));
    // Streamed as a record (predict --stream): the blanks filled as the tiled prediction fills them; where the last
    // window overlaps the first (rows 55-96) the two are stitched, and both keep the observed values there.
    Path streamed = temp.resolve("streamed-filled.csv");
    injector.getInstance(StreamingInference.class).run(run, new StreamingInference.Options(List.of(series), streamed,
        java.util.Optional.empty(), "csv", List.of(), List.of("decimals=6"), List.of(), 0, "avg", null));
    List<String> streamedRows = Files.readAllLines(streamed);
    assertEquals("time,HUFL,HULL,MUFL,MULL,LUFL,LULL,OT", streamedRows.get(0));
    assertEquals(151, streamedRows.size());
    for (int r = 1; r < streamedRows.size(); r++) {
      String[] tiled = filledRows.get(r).split(",");
      String[] stream = streamedRows.get(r).split(",");
      for (int c = 1; c < tiled.length; c++) {
        assertEquals(Double.parseDouble(tiled[c]), Double.parseDouble(stream[c]), 1e-3, "row " + r + " column " + c);
      }
    }
    UserInputException refused = org.junit.jupiter.api.Assertions.assertThrows(UserInputException.class,
        () -> injector.getInstance(ExportEvaluation.class).evaluate(run, null));
    assertTrue(refused.getMessage().contains("metrics.json"), refused.getMessage());
    BrowserCheck.assertRendersCleanly(run.resolve("report.html"), 1);
  }

  @Test
  void seisMoLlmsRegressionHeadLearnsMagnitudesFromTheUnpatchedFeatureSequence() throws Exception {
    Path experiment = Experiments.write(temp, e -> {
      e.putObject("data").put("type", "hdf5").put("path", DATA.resolve("synthetic/quakes.h5").toString())
          .put("waveforms", "/waveforms").putArray("values").add("/meta/magnitude");
      ObjectNode embedder = smallMultiScaleConv(e);
      // 256 samples, strides 1, 1, 2, 1: a feature sequence of 128 steps, long enough for the decoder's convolutions.
      embedder.putArray("strides").add(1).add(1).add(2).add(1);
      e.putObject("head").put("type", "regress").put("decoder", "seismollm").put("scale", 8.0);
      ((ObjectNode) e.get("training")).put("epochs", 4).put("max_train_steps", 0).put("eval_batch_size", 128);
    });
    JsonNode test = run(experiment).get("test");
    assertTrue(test.get("mse").asDouble() < 0.2 * test.get("naive_mse").asDouble(),
        "mse " + test.get("mse") + " vs the mean predictor " + test.get("naive_mse"));
    // SeisMoLLM's parameter names and shapes: convs of kernel 16 over the 16 feature channels, then the linear layer.
    try (SavedModelBundle bundle = SavedModelBundle.load(runFolder().resolve("saved_model").toString(), "serve");
        Result r = bundle.session().runner().fetch("head.convs.1.weight").fetch("head.lin.weight").run()) {
      assertEquals(List.of(1L, 16L, 16L, 16L), java.util.Arrays.stream(r.get(0).shape().asArray()).boxed().toList());
      assertEquals(List.of(16L, 1L), java.util.Arrays.stream(r.get(1).shape().asArray()).boxed().toList());
    }

    // An embedder whose tokens cannot be un-patched, or whose sequence is too short, is refused before training.
    var preparer = injector.getInstance(io.tsllm.core.prepare.ExperimentPreparer.class);
    io.tsllm.core.config.ConfigException patches = org.junit.jupiter.api.Assertions.assertThrows(
        io.tsllm.core.config.ConfigException.class, () -> preparer.prepare(experiment,
            new io.tsllm.core.config.ConfigOverrides(List.of("embedder={\"type\": \"patch\"}"))));
    assertTrue(patches.getMessage().contains("head.decoder: \"seismollm\" (expected an embedder whose tokens are"
        + " latent patches"),
        patches.getMessage());
    io.tsllm.core.config.ConfigException shortSequence = org.junit.jupiter.api.Assertions.assertThrows(
        io.tsllm.core.config.ConfigException.class, () -> preparer.prepare(experiment,
            new io.tsllm.core.config.ConfigOverrides(List.of("embedder.strides=[2, 2, 2, 1]"))));
    assertTrue(shortSequence.getMessage().contains("at least 76 steps") && shortSequence.getMessage().contains(
        "this one has 32"), shortSequence.getMessage());
  }

  @Test
  void multiScaleConvRegressesMagnitudesAndKeepsBatchNormStatistics() throws Exception {
    Path experiment = Experiments.write(temp, e -> {
      e.putObject("data").put("type", "hdf5").put("path", DATA.resolve("synthetic/quakes.h5").toString())
          .put("waveforms", "/waveforms").putArray("values").add("/meta/magnitude");
      smallMultiScaleConv(e);
      e.putObject("head").put("type", "regress").put("loss", "huber");
      ((ObjectNode) e.get("training")).put("epochs", 4).put("max_train_steps", 0).put("eval_batch_size", 128);
    });
    JsonNode test = run(experiment).get("test");
    assertTrue(test.get("mse").asDouble() < 0.5 * test.get("naive_mse").asDouble(),
        "mse " + test.get("mse") + " vs the mean predictor " + test.get("naive_mse"));
    Path run = runFolder();
    // The bundle index shares key prefixes between neighbours, so look for the suffix alone.
    assertTrue(containsInIndex(run.resolve("checkpoints"), "running_mean"), "moving statistics in the checkpoints");
    try (SavedModelBundle bundle = SavedModelBundle.load(run.resolve("saved_model").toString(), "serve");
        Result r = bundle.session().runner().fetch("embedder.block0.norm.running_var").run()) {
      float[] variance = new float[16];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(variance, false, false));
      assertTrue(Math.abs(variance[0] - 1) > 1e-3, "moving variance moved from its start: " + variance[0]);
    }
    Map<String, Double> evaluated = injector.getInstance(ExportEvaluation.class).evaluate(run, null);
    assertEquals(test.get("mse").asDouble(), evaluated.get("mse"), 1e-4 * test.get("mse").asDouble());

    // predict writes the values of each window, by the export's VALUES role, channels found by name.
    JsonNode exported = Experiments.MAPPER.readTree(run.resolve("saved_model/tsllm.json").toFile());
    int length = exported.get("input_length").asInt();
    List<String> names = new java.util.ArrayList<>();
    exported.get("channel_names").forEach(n -> names.add(n.asText()));
    java.util.Collections.reverse(names);
    List<String> rows = new java.util.ArrayList<>(List.of(String.join(",", names)));
    for (int t = 0; t < length; t++) {
      rows.add(Math.sin(t / 7.0) + "," + Math.cos(t / 5.0) + "," + Math.sin(t / 3.0));
    }
    Path series = Files.write(temp.resolve("trace.csv"), rows);
    injector.getInstance(SeriesPrediction.class).predict(run, series, temp.resolve("values.csv"), null);
    List<String> values = Files.readAllLines(temp.resolve("values.csv"));
    assertEquals("first_row,last_row," + exported.at("/target_names/0").asText(), values.get(0));
    assertEquals(2, values.size());
    assertTrue(Double.isFinite(Double.parseDouble(values.get(1).split(",")[2])), values.get(1));
    assertTrue(Files.readAllLines(run.resolve("predictions.csv")).get(0).startsWith("window,magnitude_prediction"));
    BrowserCheck.assertRendersCleanly(run.resolve("report.html"), 2);
  }

  private static boolean containsInIndex(Path checkpoints, String name) throws Exception {
    try (var files = Files.walk(checkpoints)) {
      return files.filter(f -> f.toString().endsWith(".index")).anyMatch(f -> {
        try {
          return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(name);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }

  private static float sum(float[] values) {
    float total = 0;
    for (float v : values) {
      total += v;
    }
    return total;
  }
}
