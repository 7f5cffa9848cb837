package io.tsllm.core.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every suite the project ships is valid: the CPU-size suites of {@code configs/suites/} fully (data read, graphs
 * built), the full-size ones of {@code experiments/suites/} as far as this machine can (every cell bound; their
 * data and weights are the user's to supply); and the registry of published figures reads, with GPT4TS's ETTh2
 * average flagged as disagreeing with its own rows.
 */
class ShippedSuitesTest {

  private static final Injector INJECTOR = Injectors.create(PluginLocations.none());

  static Stream<Path> cpuSuites() throws Exception {
    return list(Path.of("../../configs/suites"));
  }

  static Stream<Path> fullSizeSuites() throws Exception {
    return list(Path.of("../../experiments/suites"));
  }

  @ParameterizedTest
  @MethodSource("cpuSuites")
  void cpuSizeSuitesAreValidToTheLastCell(Path file) {
    SuiteJob.Planned planned = INJECTOR.getInstance(SuiteJob.class).plan(file, List.of());
    assertFalse(planned.plan().cells().isEmpty());
    assertEquals(file.getFileName().toString().replace(".json", ""), planned.plan().definition().name());
  }

  @ParameterizedTest
  @MethodSource("fullSizeSuites")
  void fullSizeSuitesBindInEveryCell(Path file) {
    SuitePlan plan = INJECTOR.getInstance(SuitePlanner.class)
        .expand(INJECTOR.getInstance(SuiteFileReader.class).read(file), List.of());
    INJECTOR.getInstance(SuitePlanner.class).bindAll(plan);
    assertEquals(file.getFileName().toString().replace(".json", ""), plan.definition().name());
  }

  @Test
  void theRegistryReadsAndFlagsGpt4tsEtth2Average() {
    PublishedFigures figures = PublishedFigures.read(List.of(Path.of("../../experiments/published")),
        ConfigMapper.create());
    var etth2 = figures.inconsistencies().stream().filter(f -> f.dataset().equals("ETTh2")
        && f.metric().equals("mse") && f.method().equals("GPT4TS")).toList();
    assertEquals(1, etth2.size(), figures.inconsistencies().toString());
    assertEquals(0.346, etth2.get(0).value());
    assertEquals(0.3545, etth2.get(0).rowsMean(), 1e-9);
    for (String dataset : List.of("ETTh1", "ETTh2", "ETTm1", "Weather", "ECL", "Traffic")) {
      for (int horizon : List.of(96, 192, 336, 720)) {
        assertTrue(figures.find("GPT4TS", "long-term forecasting", dataset, java.util.Map.of("input_length",
            ConfigMapper.create().getNodeFactory().numberNode(336), "horizon",
            ConfigMapper.create().getNodeFactory().numberNode(horizon)), "mse").isPresent(), dataset + " " + horizon);
      }
    }
    assertEquals(1, figures.inconsistencies().stream().filter(f -> f.method().equals("GPT4TS")).count(),
        "GPT4TS's other averages agree with their rows: " + figures.inconsistencies());
  }

  private static Stream<Path> list(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }
}
