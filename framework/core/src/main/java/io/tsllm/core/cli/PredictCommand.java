package io.tsllm.core.cli;

import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.serve.SeriesPrediction;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Run an exported model over a CSV series (a timestamp column and the channels the model was"
        + " trained on, by name, in any order; other columns are ignored), original units in and out, by what its"
        + " outputs are: a forecast of the horizon after the last input_length rows; the series with every missing"
        + " value filled; a score and a 0/1 flag per row; the class or values of each window.")
final class PredictCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A run folder or a SavedModel.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "CSV", description = "The series.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "CSV", description = "Where to write the result.")
  Path output;

  @Option(names = "--date-column", paramLabel = "NAME",
      description = "The input's timestamp column (default: the one of the model's training data, else "
          + SeriesPrediction.DEFAULT_DATE_COLUMN + ").")
  String dateColumn;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SeriesPrediction.Written written = new SeriesPrediction(new JsonRecords(ConfigMapper.create()))
        .predict(model, input, output, dateColumn);
    if (!written.ignoredColumns().isEmpty()) {
      spec.commandLine().getOut().printf("note: ignored the columns %s, which the model does not take%n",
          written.ignoredColumns());
    }
    spec.commandLine().getOut().printf("wrote %d %s to %s%n", written.rows(), written.what(), output);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
