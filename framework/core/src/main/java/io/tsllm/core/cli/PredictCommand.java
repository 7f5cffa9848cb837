package io.tsllm.core.cli;

import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.run.ForecastPrediction;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Forecast from the last input_length rows of a CSV (a timestamp column and the channels the model"
        + " was trained on) with an exported model; writes the forecast as CSV in original units.")
final class PredictCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A run folder or a SavedModel.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "CSV", description = "The history to forecast from.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "CSV", description = "Where to write the forecast.")
  Path output;

  @Option(names = "--date-column", defaultValue = "date", paramLabel = "NAME",
      description = "The timestamp column to skip (default: ${DEFAULT-VALUE}).")
  String dateColumn;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    int rows = new ForecastPrediction(ConfigMapper.create()).predict(model, input, output, dateColumn);
    spec.commandLine().getOut().printf("wrote %d forecast steps to %s%n", rows, output);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
