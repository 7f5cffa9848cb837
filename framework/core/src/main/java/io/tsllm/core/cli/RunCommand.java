package io.tsllm.core.cli;

import io.tsllm.core.inject.Injectors;
import io.tsllm.core.run.ExperimentRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Train and test the model an experiment file describes; outputs go to a new run folder.")
final class RunCommand implements Callable<Integer> {

  @Parameters(paramLabel = "EXPERIMENT", description = "The experiment JSON file.")
  Path experiment;

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Overrides output.dir of the experiment file.")
  Path outputDir;

  @Mixin PluginOptions pluginOptions;

  private final Main main;

  RunCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    var injector = Injectors.create(pluginOptions.locations(main.environment()));
    injector.getInstance(ExperimentRunner.class).run(experiment, outputDir, List.of(main.arguments()));
    return 0;
  }
}
