package io.tsllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.converters.gpt2.HfGpt2Config;
import io.tsllm.converters.safetensors.TensorDType;
import io.tsllm.converters.testing.Gpt2Fixtures;
import io.tsllm.core.Experiments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the environment refuses, made for real on small tmpfs mounts (a full disk, a read-only file system): one
 * line naming the path and the operating system's reason, exit 2, no stack trace, no temporary files left behind.
 * Mounting needs root, as the machines here and CI run; elsewhere these tests are skipped, saying why.
 */
class OutputFaultsTest {

  @TempDir Path temp;
  private final List<Path> mounts = new java.util.ArrayList<>();

  private Path tmpfs(String name, String options) throws Exception {
    Path point = Files.createDirectories(temp.resolve(name));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", point.toString())
        .redirectErrorStream(true).start();
    boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root: " + new String(mount.getInputStream().readAllBytes()));
    mounts.add(point);
    return point;
  }

  @AfterEach
  void unmount() throws Exception {
    for (Path point : mounts) {
      new ProcessBuilder("umount", point.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void assertOneLineWithoutTrace(CliRunner.Outcome outcome, String reason) {
    assertEquals(Main.BAD_INPUT, outcome.exitCode(), outcome.err());
    List<String> lines = outcome.err().lines().filter(l -> l.startsWith("error:")).toList();
    assertEquals(1, lines.size(), outcome.err());
    assertTrue(lines.get(0).contains(reason), outcome.err());
    assertFalse(outcome.err().contains("\tat ") || outcome.err().contains("internal error"), outcome.err());
  }

  @Test
  void aRunWhoseDiskFillsFailsInOneLineAndLeavesNoTemporaryFiles() throws Exception {
    Path disk = tmpfs("full", "size=400k");
    Path experiment = Experiments.write(temp, e -> ((ObjectNode) e.get("training")).put("epochs", 1)
        .put("max_train_steps", 3));

    CliRunner.Outcome outcome = new CliRunner().run("run", experiment.toString(), "--output-dir", disk.toString());

    assertOneLineWithoutTrace(outcome, "No space left on device");
    Path run;
    try (Stream<Path> list = Files.list(disk)) {
      run = list.findFirst().orElseThrow();
    }
    try (Stream<Path> files = Files.walk(run)) {
      List<Path> leftovers = files.filter(p -> p.getFileName().toString().endsWith(".tmp")
          || p.getFileName().toString().matches("(last|best)-\\d+")).toList();
      assertEquals(List.of(), leftovers, "half-written files left behind");
    }
    JsonNode status = Experiments.MAPPER.readTree(run.resolve("status.json").toFile());
    assertEquals("failed", status.get("state").asText());
    assertTrue(status.get("error").asText().contains("No space left on device"), status.toString());
  }

  @Test
  void convertIntoAReadOnlyFileSystemSaysSo() throws Exception {
    Path config = Files.writeString(temp.resolve("config.json"),
        "{\"model_type\": \"gpt2\", \"n_embd\": 8, \"n_layer\": 1, \"n_head\": 2, \"n_positions\": 16}");
    HfGpt2Config hf = new HfGpt2Config(8, 1, 2, 16, 1e-5, "gelu_new");
    Map<String, Gpt2Fixtures.Tensor> weights = new LinkedHashMap<>();
    int seed = 0;
    for (String name : hf.requiredTensors(1)) {
      weights.put(name, Gpt2Fixtures.random(hf.expectedShape(name), seed++));
    }
    Path hfFolder = Gpt2Fixtures.writeHfFolder(temp.resolve("hf"), config, weights,
        Gpt2Fixtures.Layout.SAFETENSORS, TensorDType.F32, true);
    Path readOnly = tmpfs("read-only", "ro,size=1m");

    CliRunner.Outcome outcome = new CliRunner().run("convert", hfFolder.toString(),
        readOnly.resolve("converted").toString());

    assertOneLineWithoutTrace(outcome, "Read-only file system");
    try (Stream<Path> left = Files.list(readOnly)) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void predictIntoAFolderThatDoesNotExistSaysWhich() throws Exception {
    CliRunner.Outcome outcome = new CliRunner().run("predict", "--model", temp.toString(), "--input",
        temp.resolve("in.csv").toString(), "--output", temp.resolve("absent/out.csv").toString());

    assertEquals(Main.BAD_INPUT, outcome.exitCode());
    assertTrue(outcome.err().contains("--output: the folder " + temp.resolve("absent") + " does not exist"),
        outcome.err());
  }
}
