package io.tsllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

  @TempDir Path temp;
  final CliRunner cli = new CliRunner();

  @Test
  void pluginsListsTheBuiltInPlugins() {
    CliRunner.Outcome outcome = cli.run("plugins");
    assertEquals(0, outcome.exitCode(), outcome.err());
    for (String name : List.of("csv", "npy", "ucr", "nab", "smd", "hdf5", "diting", "patch",
        "multiscale-conv", "time-llm", "gpt2", "llama", "identity", "attention", "forecast", "classify", "reconstruct",
        "impute", "regress", "backazimuth", "pick")) {
      assertTrue(outcome.out().contains("  " + name + " "), name + " in:\n" + outcome.out());
    }
    assertTrue(outcome.out().contains("n_head"), "config fields are listed");
    assertTrue(outcome.out().matches("(?s).*waveforms +String +required.*"), "a required field");
    assertTrue(outcome.out().matches("(?s).*labels_key +String +optional.*"), "an optional field without default");
    assertTrue(outcome.out().matches("(?s).*mask_ratio +Double +default 0.25.*"), "a default");
    assertTrue(outcome.out().matches("(?s).*num_key_value_heads +Integer.*"), "llama's fields");
    assertTrue(outcome.out().matches("(?s).*prototypes +Integer +default 1000.*"), "time-llm's fields");
    assertTrue(outcome.out().matches("(?s).*reader \\(predict: options by --reader-option key=value\\):\n  csv .*"
        + "date_column +String +default \"date\".*"), "the record readers with their options");
    assertTrue(outcome.out().matches("(?s).*writer \\(predict: options by --writer-option key=value\\):\n  csv .*"
        + "decimals +Integer +optional.*"), "the trace writers with their options");
  }

  @Test
  void predictRefusesARecordItCannotReadAndOptionsItsReaderDoesNotHave() throws Exception {
    Path model = temp.resolve("model");
    java.nio.file.Files.createDirectories(model);
    Path series = Path.of("../../configs/data/ett/ETTh1.csv").toAbsolutePath();
    CliRunner.Outcome unknownFormat = cli.run("predict", "--model", model.toString(), "--input",
        java.nio.file.Files.writeString(temp.resolve("a.wav"), "RIFF").toString(), "--output",
        temp.resolve("o.csv").toString(), "--stream");
    assertEquals(2, unknownFormat.exitCode(), unknownFormat.err());
    assertTrue(unknownFormat.err().contains("no record reader reads a.wav (the readers are [csv]"),
        unknownFormat.err());
    CliRunner.Outcome unknownOption = cli.run("predict", "--model", model.toString(), "--input", series.toString(),
        "--output", temp.resolve("o.csv").toString(), "--stream", "--reader-option", "separator=;");
    assertEquals(2, unknownOption.exitCode(), unknownOption.err());
    assertTrue(unknownOption.err().contains("--reader-option separator: the reader csv has no such option (its"
        + " options are [date_column, rate]"), unknownOption.err());
    CliRunner.Outcome badValue = cli.run("predict", "--model", model.toString(), "--input", series.toString(),
        "--output", temp.resolve("o.csv").toString(), "--stream", "--reader-option", "rate=-1");
    assertTrue(badValue.err().contains("--reader-option rate=-1.0: expected samples per second > 0 (the reader"
        + " csv)"), badValue.err());
    CliRunner.Outcome notANumber = cli.run("predict", "--model", model.toString(), "--input", series.toString(),
        "--output", temp.resolve("o.csv").toString(), "--stream", "--reader-option", "rate=fast");
    assertTrue(notANumber.err().contains("--reader-option rate=\"fast\": the reader csv expects a double there"),
        notANumber.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "validate", "plugins", "convert", "runs"})
  void everyCommandHasHelp(String command) {
    CliRunner.Outcome outcome = cli.run(command, "--help");
    assertEquals(0, outcome.exitCode());
    assertTrue(outcome.out().contains("Usage:"), outcome.out());
  }

  @Test
  void validateAcceptsAGoodExperimentAndDescribesIt() {
    Path file = Experiments.write(temp, Experiments.tiny());
    CliRunner.Outcome outcome = cli.run("validate", file.toString());
    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().contains("is valid"), outcome.out());
    assertTrue(outcome.out().contains("12 tokens per sequence"), outcome.out());
  }

  @Test
  void validateRejectsABadConfigWithItsJsonPathAndExitCode2() {
    Path file = Experiments.write(temp, e -> ((ObjectNode) e.get("backbone")).put("n_head", 5));
    CliRunner.Outcome outcome = cli.run("validate", file.toString());
    assertEquals(Main.BAD_INPUT, outcome.exitCode());
    assertTrue(outcome.err().contains("backbone.n_head: 5 (expected a divisor of n_embd (64))"), outcome.err());
    assertFalse(outcome.err().contains("\tat "), "no stack trace: " + outcome.err());
  }

  @Test
  void runRejectsBadDataBeforeCreatingARunFolder() throws Exception {
    Path csv = Files.writeString(temp.resolve("bad.csv"), "date,a\n2016-01-01,1\n2016-01-02,x\n");
    Path file = Experiments.write(temp, e -> ((ObjectNode) e.get("data")).put("path", csv.toString()));
    Path runs = temp.resolve("runs");
    CliRunner.Outcome outcome = cli.run("run", file.toString(), "--output-dir", runs.toString());
    assertEquals(Main.BAD_INPUT, outcome.exitCode());
    assertTrue(outcome.err().contains("bad.csv, line 3, column a: 'x' is not a number"), outcome.err());
    assertFalse(Files.exists(runs), "no run folder for a run that never started");
  }

  @Test
  void convertWritesAConvertedModelAndRefusesBadCheckpoints() throws Exception {
    Path config = Files.writeString(temp.resolve("config.json"),
        "{\"n_embd\": 16, \"n_layer\": 2, \"n_head\": 2, \"n_positions\": 8}");
    var hf = new io.tsllm.converters.gpt2.HfGpt2Config(16, 2, 2, 8, 1e-5, "gelu_new");
    java.util.Map<String, io.tsllm.converters.testing.Gpt2Fixtures.Tensor> weights = new java.util.LinkedHashMap<>();
    for (String name : hf.requiredTensors(2)) {
      weights.put(name, io.tsllm.converters.testing.Gpt2Fixtures.random(hf.expectedShape(name), 1));
    }
    Path source = io.tsllm.converters.testing.Gpt2Fixtures.writeHfFolder(temp.resolve("hf"), config, weights,
        io.tsllm.converters.testing.Gpt2Fixtures.Layout.PYTORCH_BIN,
        io.tsllm.converters.safetensors.TensorDType.F16, true);

    CliRunner.Outcome ok = cli.run("convert", source.toString(), temp.resolve("out").toString(), "--layers", "1");
    assertEquals(0, ok.exitCode(), ok.err());
    assertTrue(ok.out().contains("1 of 2 layers"), ok.out());
    assertTrue(Files.exists(temp.resolve("out/manifest.json")));

    Files.writeString(source.resolve("pytorch_model.bin"), "not a zip");
    CliRunner.Outcome bad = cli.run("convert", source.toString(), temp.resolve("out2").toString());
    assertEquals(Main.BAD_INPUT, bad.exitCode());
    assertTrue(bad.err().contains("pytorch_model.bin") && bad.err().contains("not a zip"), bad.err());
    assertFalse(Files.exists(temp.resolve("out2")));
  }

  @Test
  void convertReadsLlamaFamilyFoldersByTheirModelType() throws Exception {
    Path config = Files.writeString(temp.resolve("llama-config.json"), "{\"model_type\": \"qwen2\", \"hidden_size\": 16,"
        + " \"intermediate_size\": 24, \"num_hidden_layers\": 2, \"num_attention_heads\": 4,"
        + " \"num_key_value_heads\": 2, \"vocab_size\": 10, \"rope_scaling\": {\"type\": \"linear\", \"factor\": 2}}");
    var hf = io.tsllm.converters.llama.HfLlamaConfig.read(config);
    java.util.Map<String, io.tsllm.converters.testing.Gpt2Fixtures.Tensor> weights = new java.util.LinkedHashMap<>();
    for (String name : hf.requiredTensors(2)) {
      weights.put("model." + name, io.tsllm.converters.testing.Gpt2Fixtures.random(hf.expectedShape(name), 1));
    }
    weights.put("model.embed_tokens.weight", io.tsllm.converters.testing.Gpt2Fixtures.random(new long[] {10, 16}, 2));
    Path source = io.tsllm.converters.testing.Gpt2Fixtures.writeHfFolder(temp.resolve("qwen"), config, weights,
        io.tsllm.converters.testing.Gpt2Fixtures.Layout.SAFETENSORS,
        io.tsllm.converters.safetensors.TensorDType.BF16, false);

    CliRunner.Outcome ok = cli.run("convert", source.toString(), temp.resolve("out").toString(), "--keep-embeddings");
    assertEquals(0, ok.exitCode(), ok.err());
    assertTrue(ok.out().contains("2 of 2 layers, tsllm-llama"), ok.out());
    String manifest = Files.readString(temp.resolve("out/manifest.json"));
    assertTrue(manifest.contains("\"embed_tokens.weight\"") && manifest.contains("layers.1.self_attn.q_proj.bias"),
        manifest);
  }

  @Test
  void runsListsRunFoldersWithStateAndMetrics() throws Exception {
    Path run = Files.createDirectories(temp.resolve("runs/tiny-20260101-000000"));
    Files.writeString(run.resolve("status.json"), "{\"state\": \"completed\", \"started\": \"2026-01-01T00:00:00Z\"}");
    Files.writeString(run.resolve("metrics.json"),
        "{\"best_epoch\": 3, \"test\": {\"mse\": 0.37, \"mae\": 0.4, \"naive_mse\": 1.3}}");
    Path failed = Files.createDirectories(temp.resolve("runs/tiny-20260102-000000"));
    Files.writeString(failed.resolve("status.json"), "{\"state\": \"failed\"}");

    CliRunner.Outcome outcome = cli.run("runs", temp.resolve("runs").toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
    String[] lines = outcome.out().split("\n");
    assertTrue(lines[1].contains("tiny-20260101-000000") && lines[1].contains("completed")
        && lines[1].contains("mse 0.3700") && !lines[1].contains("naive"), lines[1]);
    assertTrue(lines[2].contains("failed"), lines[2]);
  }

  @Test
  void setChangesTheExperimentAndIsCheckedLikeTheFile() {
    Path file = Experiments.write(temp, Experiments.tiny());
    CliRunner.Outcome bad = cli.run("validate", file.toString(), "--set", "backbone.n_head=5", "--set",
        "training.epochs=oops");
    assertEquals(Main.BAD_INPUT, bad.exitCode());
    assertTrue(bad.err().contains("backbone.n_head: 5 (expected a divisor of n_embd (64))"), bad.err());
    assertTrue(bad.err().contains("training.epochs: \"oops\" (expected an integer)"), bad.err());
    CliRunner.Outcome good = cli.run("validate", file.toString(), "--set", "data.input_length=48");
    assertEquals(0, good.exitCode(), good.err());
    assertTrue(good.out().contains("input 48 steps"), good.out());
  }

  @Test
  void malformedRowsCanBeSkippedFromTheCommandLine() throws Exception {
    java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Experiments.ETTH1));
    lines.set(100, "2016-07-05 03:00:00,1,2");
    Path csv = Files.write(temp.resolve("etth1-bad-row.csv"), lines);
    Path file = Experiments.write(temp, e -> ((ObjectNode) e.get("data")).put("path", csv.toString()));
    assertEquals(Main.BAD_INPUT, cli.run("validate", file.toString()).exitCode());
    CliRunner.Outcome skipped = cli.run("validate", file.toString(), "--set", "data.skip_bad_rows=true");
    assertEquals(0, skipped.exitCode(), skipped.err());
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRunner.Outcome outcome = cli.run("train");
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("train"), outcome.err());
  }

  @Test
  void noCommandIsAUsageError() {
    CliRunner.Outcome outcome = cli.run();
    assertEquals(Main.BAD_INPUT, outcome.exitCode());
    assertTrue(outcome.err().contains("name a command") && outcome.err().contains("Usage:"), outcome.err());
  }

  @Test
  void validateSkipsBadRowsOnRequestAndTheErrorSaysHow() throws Exception {
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Experiments.ETTH1).subList(0, 400));
    lines.set(50, lines.get(50).replaceFirst(",[^,]*$", ",oops"));
    Path data = Files.write(temp.resolve("bad-row.csv"), lines);
    Path file = Experiments.write(temp, e -> ((ObjectNode) e.get("data")).put("path", data.toString())
        .put("split", "ratio").put("input_length", 48).put("horizon", 12));

    CliRunner.Outcome refused = cli.run("validate", file.toString());
    CliRunner.Outcome skipped = cli.run("validate", file.toString(), "--skip-bad-rows");

    assertEquals(Main.BAD_INPUT, refused.exitCode());
    assertTrue(refused.err().contains("line 51") && refused.err().contains("--skip-bad-rows"), refused.err());
    assertEquals(0, skipped.exitCode(), skipped.err());
  }

  @Test
  void jsonEventsBeginWithTheRunFolderAndEndWithTheState() throws Exception {
    Path file = Experiments.write(temp, e -> ((ObjectNode) e.get("training")).put("epochs", 1)
        .put("max_train_steps", 3));
    Path runs = temp.resolve("runs");

    CliRunner.Outcome outcome = cli.run("run", file.toString(), "--json", "--output-dir", runs.toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
    Path run;
    try (var list = Files.list(runs)) {
      run = list.findFirst().orElseThrow();
    }
    List<String> events = Files.readAllLines(run.resolve("events.jsonl"));
    var first = Experiments.MAPPER.readTree(events.get(0));
    var last = Experiments.MAPPER.readTree(events.get(events.size() - 1));
    assertEquals("started", first.get("event").asText());
    assertEquals(run.toAbsolutePath().toString(), first.get("run_folder").asText());
    assertEquals(run.resolve("config.json").toAbsolutePath().toString(), first.get("config").asText());
    assertEquals("ended", last.get("event").asText());
    assertEquals("completed", last.get("state").asText());
  }

  @Test
  void benchTimesTheExperimentAsConfiguredWithoutARunFolder() {
    Path file = Experiments.write(temp, Experiments.tiny());

    CliRunner.Outcome outcome = cli.run("bench", file.toString(), "--steps", "2", "--set", "training.batch_size=8");

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().matches("(?s).*\\ntraining step: \\d+\\.\\d+ s \\(median of 2, batch 8\\).*"),
        outcome.out());
    for (String line : List.of("forward pass:", "windows per second:", "epoch:", "run:", "compute:", "peak RSS:")) {
      assertTrue(outcome.out().contains(line), line + " in " + outcome.out());
    }
    assertFalse(Files.exists(temp.resolve("runs")), "bench leaves no run folder");
  }

  @Test
  void benchProfileListsTheStepsOperationTypesAndTheirTimes() {
    Path file = Experiments.write(temp, Experiments.tiny());

    CliRunner.Outcome outcome = cli.run("bench", file.toString(), "--steps", "2", "--profile", "5");

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().matches("(?s).*\\nprofile: traced step \\d+\\.\\d+ s \\(median of 2\\); the executor's"
        + " span \\d+\\.\\d+ s, of which some operation ran \\d+\\.\\d+ s and none ran -?\\d+\\.\\d+ s; \\d+"
        + " operations, \\d+\\.\\d+ s summed\\n.*"), outcome.out());
    String types = outcome.out().substring(outcome.out().indexOf("operation type"),
        outcome.out().indexOf("\noperation  "));
    assertEquals(6, types.lines().count(), "a header and the 5 longest types: " + types);
    assertTrue(types.contains("MatMul"), "a GPT-2 step is made of matrix products: " + types);
    String nodes = outcome.out().substring(outcome.out().indexOf("\noperation  ") + 1);
    assertTrue(nodes.lines().skip(1).limit(5).allMatch(line -> line.matches("\\S+ \\(\\S+ \\[[\\d,]*\\]\\) +\\d+\\.\\d+ +\\d+\\.\\d%")),
        "named nodes with their type and output shape: " + nodes);
  }

  @Test
  void benchRejectsANegativeProfile() {
    Path file = Experiments.write(temp, Experiments.tiny());

    CliRunner.Outcome outcome = cli.run("bench", file.toString(), "--profile", "-1");

    assertEquals(Main.BAD_INPUT, outcome.exitCode(), outcome.err());
    assertTrue(outcome.err().contains("--profile: -1 (expected an integer >= 0)"), outcome.err());
  }
}
