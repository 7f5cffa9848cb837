package io.tsllm.core.cli;

import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check an experiment file without training: binds the config, reads the data, builds the graph.")
final class ValidateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "EXPERIMENT", description = "The experiment JSON file.")
  Path experiment;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Change a field of the experiment file, e.g. --set backbone.n_layer=6 (repeatable).")
  java.util.List<String> overrides = new java.util.ArrayList<>();

  @Option(names = "--skip-bad-rows",
      description = "Skip malformed data rows and report how many (same as --set data.skip_bad_rows=true).")
  boolean skipBadRows;

  @Mixin PluginOptions pluginOptions;

  @Spec CommandSpec spec;

  private final Main main;

  ValidateCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    var injector = Injectors.create(pluginOptions.locations(main.environment()));
    java.util.List<String> changes = new java.util.ArrayList<>(overrides);
    if (skipBadRows) {
      changes.add("data.skip_bad_rows=true");
    }
    try (PreparedExperiment prepared =
        injector.getInstance(ExperimentPreparer.class).prepare(experiment, new ConfigOverrides(changes))) {
      PrintWriter out = spec.commandLine().getOut();
      var config = prepared.config();
      var data = prepared.dataset();
      out.printf(Locale.ROOT, "%s is valid.%n", experiment);
      out.printf(Locale.ROOT,
          "  data      %s: %d channels, input %d steps, target %d steps; windows train %d, validation %d,"
              + " test %d%n", config.data().type(), data.shape().channels(), data.shape().inputLength(),
          data.shape().targetLength(), data.train().size(), data.validation().size(), data.test().size());
      out.printf(Locale.ROOT, "  embedder  %s: %d tokens per sequence%n", config.embedder().type(),
          prepared.model().tokenCount());
      out.printf(Locale.ROOT, "  backbone  %s%n", config.backbone().type());
      out.printf(Locale.ROOT, "  head      %s%n", config.head().type());
      out.printf(Locale.ROOT, "  parameters %d%n", prepared.model().parameters().totalSize());
      out.flush();
    }
    return 0;
  }
}
