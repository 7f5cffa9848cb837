package io.tsllm.core.cli;

import io.tsllm.core.inject.Injectors;
import io.tsllm.core.run.ExportEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate an exported model on the test split of its experiment, through the SavedModel alone;"
        + " a run folder also gets evaluation.json.")
final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A run folder or a SavedModel.")
  Path model;

  @Option(names = "--experiment", paramLabel = "FILE",
      description = "The experiment whose test split to use, for a SavedModel outside a run folder.")
  Path experiment;

  @Mixin PluginOptions pluginOptions;

  @Spec CommandSpec spec;

  private final Main main;

  EvaluateCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    var injector = Injectors.create(pluginOptions.locations(main.environment()));
    Map<String, Double> metrics = injector.getInstance(ExportEvaluation.class).evaluate(model, experiment);
    PrintWriter out = spec.commandLine().getOut();
    metrics.forEach((name, value) -> out.printf(Locale.ROOT, "%-20s %.6f%n", name, value));
    out.flush();
    return 0;
  }
}
