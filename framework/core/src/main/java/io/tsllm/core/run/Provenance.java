package io.tsllm.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.config.PluginSection;
import io.tsllm.core.train.CpuFeatures;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.FileDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code provenance.json}: what exactly produced a run (seed, versions, threads, plugins and their jars, data files
 * and their hashes, the dataset's own description), and when it started and ended.
 *
 * @param experimentFile the experiment file the run was started from; relative data paths start at its folder
 * @param precision the training precision ({@code fp32} or {@code bf16})
 * @param cpuBf16Flags the CPU's native bfloat16 flags ({@code avx512_bf16}, {@code amx_bf16}), which decide
 *     whether bf16 is fast here
 * @param data what the dataset reports about itself (split borders, columns, scaler statistics)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
    String experimentFile,
    long seed,
    String frameworkVersion,
    String frameworkGitCommit,
    boolean frameworkGitDirty,
    String tensorflowJavaVersion,
    String tensorflowVersion,
    String javaVersion,
    String javaVendor,
    String os,
    int availableProcessors,
    int intraOpThreads,
    int interOpThreads,
    String precision,
    String cpuModel,
    List<String> cpuBf16Flags,
    String started,
    String ended,
    List<String> commandLine,
    Map<String, PluginProvenance> plugins,
    List<DataFile> dataFiles,
    Map<String, Object> data) {

  /** One plugin of the run: its name, class, where it came from, its version and its jar's SHA-256. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PluginProvenance(
      String name, @JsonProperty("class") String className, String source, String version, String jarSha256) {}

  /** A data file and its SHA-256 when the run started. */
  public record DataFile(String path, String sha256) {}

  static Provenance describe(ExperimentConfig config, Dataset dataset, int threads, List<String> commandLine,
      Clock clock) {
    FrameworkVersion version = FrameworkVersion.load();
    CpuFeatures cpu = CpuFeatures.detect();
    Map<String, PluginProvenance> plugins = new LinkedHashMap<>();
    for (PluginSection section : List.of(config.data(), config.embedder(), config.backbone(), config.head())) {
      String pluginVersion = section.plugin().plugin().getClass().getPackage().getImplementationVersion();
      plugins.put(section.plugin().kind().section(), new PluginProvenance(section.type(),
          section.plugin().plugin().getClass().getName(), section.plugin().sourceLabel(),
          pluginVersion == null ? "unknown" : pluginVersion,
          section.plugin().jar().filter(Files::isRegularFile).map(FileDigest::sha256).orElse(null)));
    }
    List<DataFile> files = dataset.sourceFiles().stream()
        .map(file -> new DataFile(file.toAbsolutePath().toString(), FileDigest.sha256(file))).toList();
    return new Provenance(config.file().toAbsolutePath().toString(), config.seed(), version.framework(),
        version.gitCommit(), version.gitDirty(), version.tensorflowJava(), org.tensorflow.TensorFlow.version(),
        System.getProperty("java.version"), System.getProperty("java.vendor"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), threads, Math.min(2, threads),
        config.training().precision().label(), cpu.model(), cpu.bf16Flags(), clock.instant().toString(), null,
        List.copyOf(commandLine), plugins, files, dataset.describe());
  }

  /** The same record with the run's end time. */
  Provenance endedAt(String time) {
    return new Provenance(experimentFile, seed, frameworkVersion, frameworkGitCommit, frameworkGitDirty,
        tensorflowJavaVersion, tensorflowVersion, javaVersion, javaVendor, os, availableProcessors, intraOpThreads,
        interOpThreads, precision, cpuModel, cpuBf16Flags, started, time, commandLine, plugins, dataFiles, data);
  }

  /** The folder the experiment file lay in: relative data paths in the run's config start there. */
  public Path experimentFolder() {
    return Path.of(experimentFile).toAbsolutePath().getParent();
  }

  /** A resumed run must read the very data it started with. */
  void checkSameData(Dataset dataset) {
    Map<String, String> recorded = new LinkedHashMap<>();
    dataFiles.forEach(f -> recorded.put(f.path(), f.sha256()));
    for (Path file : dataset.sourceFiles()) {
      String was = recorded.get(file.toAbsolutePath().toString());
      String now = FileDigest.sha256(file);
      if (was != null && !was.equals(now)) {
        throw new UserInputException("cannot resume: " + file + " changed since the run started (SHA-256 " + was
            + " then, " + now + " now)");
      }
    }
  }
}
