package io.tsllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalPluginTest {

  @TempDir Path temp;

  @Test
  void runUsesAnEmbedderFromAPluginJarBuiltAtTestTime() throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    Path jar = PluginJars.pointEmbedderJar(plugins, "point-embedder.jar");
    Path experiment = Experiments.write(temp, e -> {
      e.putObject("embedder").put("type", "point").put("init_scale", 0.05);
      ((ObjectNode) e.get("backbone")).put("n_positions", 128);
      ((ObjectNode) e.get("training")).put("epochs", 1).put("max_train_steps", 3);
    });
    Path runs = temp.resolve("runs");

    CliRunner.Outcome outcome =
        new CliRunner().run("run", experiment.toString(), "--plugins", plugins.toString(), "--output-dir", runs.toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
    Path run;
    try (Stream<Path> list = Files.list(runs)) {
      run = list.findFirst().orElseThrow();
    }
    JsonNode provenance = Experiments.MAPPER.readTree(run.resolve("provenance.json").toFile());
    assertEquals("point", provenance.at("/plugins/embedder/name").asText());
    assertEquals(jar.toString(), provenance.at("/plugins/embedder/source").asText());
    assertEquals(64, provenance.at("/plugins/embedder/jar_sha256").asText().length());
    JsonNode config = Experiments.MAPPER.readTree(run.resolve("config.json").toFile());
    assertEquals(0.05, config.at("/embedder/init_scale").asDouble());
    assertEquals("completed", Experiments.MAPPER.readTree(run.resolve("status.json").toFile()).get("state").asText());
  }

  @Test
  void pluginsCommandListsJarPluginsWithTheirSourceAndFields() throws Exception {
    Path jar = PluginJars.pointEmbedderJar(temp, "point-embedder.jar");

    CliRunner.Outcome outcome = new CliRunner().run("plugins", "--plugins", jar.toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().contains("point"), outcome.out());
    assertTrue(outcome.out().contains(jar.toString()), outcome.out());
    assertTrue(outcome.out().contains("init_scale"), outcome.out());
  }

  @Test
  void findsJarsThroughTheEnvironmentVariable() throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("env-plugins"));
    PluginJars.pointEmbedderJar(plugins, "point-embedder.jar");

    CliRunner.Outcome outcome = new CliRunner(Map.of("TSLLM_PLUGINS", plugins.toString())).run("plugins");

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().contains("point-embedder.jar"), outcome.out());
  }

  @Test
  void twoPluginsWithTheSameNameAreRefusedNamingBothJars() throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    PluginJars.pointEmbedderJar(plugins, "first.jar");
    PluginJars.pointEmbedderJar(plugins, "second.jar");

    CliRunner.Outcome outcome = new CliRunner().run("plugins", "--plugins", plugins.toString());

    assertEquals(Main.BAD_INPUT, outcome.exitCode());
    assertTrue(outcome.err().contains("first.jar") && outcome.err().contains("second.jar"), outcome.err());
    assertTrue(outcome.err().contains("'point'"), outcome.err());
    assertFalse(outcome.err().contains("Exception"), "no stack trace: " + outcome.err());
  }

  @Test
  void aPluginLocationThatIsNotAJarIsRefused() {
    CliRunner.Outcome outcome = new CliRunner().run("plugins", "--plugins", temp.resolve("missing.jar").toString());
    assertEquals(Main.BAD_INPUT, outcome.exitCode());
    assertTrue(outcome.err().contains("missing.jar"), outcome.err());
  }

  @Test
  void aPluginWhoseConstructorThrowsIsNamedWithItsMessageAndTheHealthyOnesAreListed() throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    PluginJars.pointEmbedderJar(plugins, "healthy.jar");
    PluginJars.editedEmbedderJar(plugins, "broken.jar", "broken", source -> source.replace(
        "public String name()", "public PointEmbedder() { throw new IllegalStateException(\"no licence key\"); }"
            + "\n  public String name()"));

    CliRunner.Outcome listed = new CliRunner().run("plugins", "--plugins", plugins.toString());
    Path experiment = Experiments.write(temp, e -> e.putObject("embedder").put("type", "point"));
    CliRunner.Outcome refused = new CliRunner().run("validate", experiment.toString(), "--plugins",
        plugins.toString());

    assertEquals(0, listed.exitCode(), listed.err());
    assertTrue(listed.out().contains("healthy.jar") && listed.out().contains("broken: a fault in the embedder plugin")
        && listed.out().contains("broken.jar") && listed.out().contains("no licence key"), listed.out());
    assertEquals(Main.BAD_INPUT, refused.exitCode());
    assertTrue(refused.err().contains("broken.jar") && refused.err().contains("no licence key"), refused.err());
    assertFalse(refused.err().contains("\tat "), "no stack trace: " + refused.err());
  }

  @Test
  void aPluginThatFailsWhileTheGraphIsBuiltIsBlamedNotTheFramework() throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    PluginJars.editedEmbedderJar(plugins, "throwing.jar", "throwing", source -> source.replace(
        "Ops tf = context.tf();", "if (width > 0) throw new ArithmeticException(\"bad arithmetic\");\n"
            + "    Ops tf = context.tf();"));
    PluginJars.editedEmbedderJar(plugins, "narrow.jar", "narrow", source -> source.replace(
        "Shape.of(channels, width)", "Shape.of(channels, width / 2)").replace(
        "new int[] {-1, length, width}", "new int[] {-1, length, width / 2}"));

    CliRunner.Outcome throwing = new CliRunner().run("validate", Experiments.write(temp,
        e -> e.putObject("embedder").put("type", "throwing")).toString(), "--plugins", plugins.toString());
    CliRunner.Outcome narrow = new CliRunner().run("validate", Experiments.write(temp,
        e -> e.putObject("embedder").put("type", "narrow")).toString(), "--plugins", plugins.toString());

    assertEquals(Main.BAD_INPUT, throwing.exitCode());
    assertTrue(throwing.err().contains("a fault in the embedder plugin 'throwing'")
        && throwing.err().contains("throwing.jar") && throwing.err().contains("bad arithmetic"), throwing.err());
    assertEquals(Main.BAD_INPUT, narrow.exitCode());
    assertTrue(narrow.err().contains("a fault in the embedder plugin 'narrow'")
        && narrow.err().contains("[sequences, "), narrow.err());
    assertFalse(throwing.err().contains("internal error") || narrow.err().contains("internal error"));
  }

  @Test
  void theSameJarFoundTwiceIsLoadedOnce() throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    Path jar = PluginJars.pointEmbedderJar(plugins, "point.jar");
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    Files.copy(jar, elsewhere.resolve("point-copy.jar"));

    CliRunner.Outcome outcome = new CliRunner().run("plugins", "--plugins", plugins.toString(), "--plugins",
        elsewhere.toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().contains("point.jar") && !outcome.out().contains("point-copy.jar"), outcome.out());
  }
}
