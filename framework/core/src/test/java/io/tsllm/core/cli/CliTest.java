package io.tsllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import java.nio.file.Files;
import java.nio.file.Path;
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
    for (String name : new String[] {"csv", "patch", "gpt2", "forecast"}) {
      assertTrue(outcome.out().contains("  " + name + " "), name + " in:\n" + outcome.out());
    }
    assertTrue(outcome.out().contains("n_head"), "config fields are listed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "validate", "plugins"})
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
  void unknownCommandIsAUsageError() {
    CliRunner.Outcome outcome = cli.run("train");
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("train"), outcome.err());
  }
}
