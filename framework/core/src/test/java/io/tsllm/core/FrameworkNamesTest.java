package io.tsllm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.Backbone;
import io.tsllm.spi.Baseline;
import io.tsllm.spi.CalibrationValue;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.Head;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.OutputSpec;
import io.tsllm.spi.Plugin;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The framework knows no plugin: no main source under framework/ spells a built-in plugin's name, nor an output,
 * flag, metric, baseline prefix or calibration value a built-in head declares. Core works from the declarations.
 * Core's own plugins (the csv record reader and trace writer) name themselves once, in a constant.
 */
class FrameworkNamesTest {

  private static final Path FRAMEWORK = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void noFrameworkSourceSpellsABuiltInPluginsNamesOrKeys() throws Exception {
    Set<String> names = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    for (Class<?> kind : List.of(DatasetLoader.class, Embedder.class, Backbone.class, Head.class)) {
      for (Object plugin : ServiceLoader.load(kind)) {
        names.add(((Plugin<?>) plugin).name());
        if (plugin instanceof Head<?> head) {
          HeadContract contract = contract(head);
          for (OutputSpec output : contract.outputs()) {
            names.add(output.name());
            output.flag().ifPresent(flag -> {
              names.add(flag.column());
              names.add(flag.thresholdMetric());
            });
          }
          contract.metrics().stream().map(MetricSpec::name).forEach(names::add);
          contract.baselines().stream().map(Baseline::prefix).forEach(prefixes::add);
          contract.calibration().stream().map(CalibrationValue::name).forEach(names::add);
        }
      }
    }
    assertTrue(names.containsAll(List.of("csv", "gpt2", "forecast", "reconstruct", "score", "threshold", "mse",
        "accuracy")), "the built-in plugins are on the test's class path: " + names);

    List<String> found = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(FRAMEWORK)) {
      sources = walk.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")).toList();
    }
    for (Path source : sources) {
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        Matcher literal = LITERAL.matcher(lines.get(i));
        while (literal.find()) {
          String text = literal.group(1);
          boolean ownName = lines.get(i).contains("static final String NAME = ")
              && source.toString().contains("/core/serve/streaming/");
          if (!ownName && (names.contains(text) || prefixes.stream().anyMatch(text::startsWith))) {
            found.add(FRAMEWORK.relativize(source) + ":" + (i + 1) + " \"" + text + "\"");
          }
        }
      }
    }
    assertTrue(sources.size() > 50, "scanned " + sources.size() + " files under " + FRAMEWORK);
    assertEquals(List.of(), found, "framework code that knows a plugin by name");
  }

  /** A head's declarations for a small forecasting shape, its config at its defaults. */
  @SuppressWarnings("unchecked")
  private static HeadContract contract(Head<?> head) throws Exception {
    Head<PluginConfig> typed = (Head<PluginConfig>) head;
    PluginConfig config = Experiments.MAPPER.readValue("{}", typed.configType());
    return typed.contract(config, new WindowShape(8, 2, 4, 2, List.of("a", "b")));
  }
}
