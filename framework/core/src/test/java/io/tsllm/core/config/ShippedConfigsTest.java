package io.tsllm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every experiment file the project ships binds without a problem: the task configs of {@code configs/} and the
 * full-size suite of {@code experiments/} (whose data and weights the user supplies, so only binding is checked).
 * Those that read seismic files need the seismic plugin, which core does not depend on: plugins/seismic's
 * {@code ShippedSeismicConfigsTest} binds them.
 */
class ShippedConfigsTest {

  /** The shipped experiment files of {@code folders}, those whose data type is {@code seismic} or not, as asked. */
  public static Stream<Path> shipped(List<String> folders, boolean seismic) throws Exception {
    List<Path> files = new java.util.ArrayList<>();
    for (String folder : folders) {
      try (Stream<Path> list = Files.list(Path.of(folder))) {
        list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    List<Path> chosen = new java.util.ArrayList<>();
    for (Path file : files) {
      if ("seismic".equals(mapper.readTree(file.toFile()).path("data").path("type").asText()) == seismic) {
        chosen.add(file);
      }
    }
    return chosen.stream();
  }

  static Stream<Path> shipped() throws Exception {
    return shipped(List.of("../../configs", "../../experiments"), false);
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void binds(Path file) {
    ExperimentConfigBinder binder = Injectors.create(PluginLocations.none()).getInstance(ExperimentConfigBinder.class);
    ExperimentConfig config = binder.bind(file);
    assertEquals(file.getFileName().toString().replace(".json", ""), config.name(), "the name is the file's");
    assertTrue(config.training().epochs() > 0);
  }
}
