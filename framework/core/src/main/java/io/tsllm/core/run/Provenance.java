package io.tsllm.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.config.PluginSection;
import io.tsllm.spi.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What exactly produced a run: seed, versions, plugins and their jars, data files and their hashes. */
final class Provenance {

  private Provenance() {}

  static ObjectNode describe(
      ObjectMapper mapper, ExperimentConfig config, Dataset dataset, int threads, List<String> commandLine,
      java.time.Clock clock) {
    ObjectNode root = mapper.createObjectNode();
    FrameworkVersion version = FrameworkVersion.load();
    root.put("experiment_file", config.file().toAbsolutePath().toString());
    root.put("seed", config.seed());
    root.put("framework_version", version.framework());
    root.put("framework_git_commit", version.gitCommit());
    root.put("framework_git_dirty", version.gitDirty());
    root.put("tensorflow_java_version", version.tensorflowJava());
    root.put("tensorflow_version", org.tensorflow.TensorFlow.version());
    root.put("java_version", System.getProperty("java.version"));
    root.put("java_vendor", System.getProperty("java.vendor"));
    root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    root.put("available_processors", Runtime.getRuntime().availableProcessors());
    root.put("intra_op_threads", threads);
    root.put("inter_op_threads", Math.min(2, threads));
    root.put("started", clock.instant().toString());
    ArrayNode args = root.putArray("command_line");
    commandLine.forEach(args::add);
    ObjectNode plugins = root.putObject("plugins");
    for (PluginSection section : List.of(config.data(), config.embedder(), config.backbone(), config.head())) {
      ObjectNode plugin = plugins.putObject(section.plugin().kind().section());
      plugin.put("name", section.type());
      plugin.put("class", section.plugin().plugin().getClass().getName());
      plugin.put("source", section.plugin().sourceLabel());
      String pluginVersion = section.plugin().plugin().getClass().getPackage().getImplementationVersion();
      plugin.put("version", pluginVersion == null ? "unknown" : pluginVersion);
      section.plugin().jar().filter(Files::isRegularFile)
          .ifPresent(jar -> plugin.put("jar_sha256", Fingerprints.sha256(jar)));
    }
    ArrayNode files = root.putArray("data_files");
    for (Path file : dataset.sourceFiles()) {
      ObjectNode entry = files.addObject();
      entry.put("path", file.toAbsolutePath().toString());
      entry.put("sha256", Fingerprints.sha256(file));
    }
    root.set("data", mapper.valueToTree(dataset.describe()));
    return root;
  }

  /** A resumed run must read the very data it started with. */
  static void checkSameData(com.fasterxml.jackson.databind.JsonNode provenance, Dataset dataset) {
    java.util.Map<String, String> recorded = new java.util.HashMap<>();
    provenance.path("data_files").forEach(f -> recorded.put(f.path("path").asText(), f.path("sha256").asText()));
    for (Path file : dataset.sourceFiles()) {
      String was = recorded.get(file.toAbsolutePath().toString());
      String now = Fingerprints.sha256(file);
      if (was != null && !was.equals(now)) {
        throw new io.tsllm.core.UserInputException("cannot resume: " + file + " changed since the run started"
            + " (SHA-256 " + was + " then, " + now + " now)");
      }
    }
  }
}
