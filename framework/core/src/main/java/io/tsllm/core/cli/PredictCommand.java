package io.tsllm.core.cli;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.serve.SeriesPrediction;
import io.tsllm.core.serve.picking.ContinuousPicking;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Run an exported model over a CSV series (a timestamp column and the channels the model was"
        + " trained on, by name, in any order; other columns are ignored), original units in and out, by what its"
        + " outputs are: a forecast of the horizon after the last input_length rows; the series with every missing"
        + " value filled; a score and a 0/1 flag per row; the class or values of each window. With MiniSEED or SAC"
        + " input (.mseed, .miniseed, .ms, .sac) and a picking model: picks a continuous record of any length,"
        + " streaming it, and writes the picks as CSV (station, phase, time in UTC, probability).")
final class PredictCommand implements Callable<Integer> {

  @Mixin PluginOptions pluginOptions;

  private final Main main;

  PredictCommand(Main main) {
    this.main = main;
  }

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A run folder or a SavedModel.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "The series (CSV), or a seismic"
      + " record's files: MiniSEED holding the station's channels, or one SAC file per channel (repeat --input).")
  List<Path> inputs;

  @Option(names = "--output", required = true, paramLabel = "CSV", description = "Where to write the result (the"
      + " picks, for a seismic record).")
  Path output;

  @Option(names = "--probabilities", paramLabel = "MSEED", description = "Seismic record: also write the"
      + " stitched probability traces as MiniSEED (a channel per phase and DET for detection).")
  Path probabilities;

  @Option(names = "--overlap", paramLabel = "SAMPLES", description = "Seismic record: samples consecutive windows"
      + " share (default half the model's window).")
  Integer overlap;

  @Option(names = "--stacking", paramLabel = "avg|max", defaultValue = "avg", description = "Seismic record: how"
      + " overlapping windows' probabilities combine (default ${DEFAULT-VALUE}).")
  String stacking;

  @Option(names = "--model-rate", paramLabel = "HZ", description = "Seismic record: the sampling rate the model"
      + " was trained at (default: the run's head.sampling_rate); a record at another rate is resampled to it.")
  Double modelRate;

  @Option(names = "--channels", split = ",", paramLabel = "NET.STA.LOC.CHA", description = "Seismic record: the"
      + " input channels in the model's channel order (default: matched by the model's channel names, HHZ for Z).")
  List<String> channels;

  @Option(names = "--date-column", paramLabel = "NAME",
      description = "The input's timestamp column (default: the one of the model's training data, else "
          + SeriesPrediction.DEFAULT_DATE_COLUMN + ").")
  String dateColumn;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (inputs.stream().anyMatch(ContinuousPicking::isSeismic)) {
      return pick();
    }
    if (inputs.size() != 1) {
      throw new UserInputException("--input: a CSV series is one file; got " + inputs);
    }
    Path input = inputs.get(0);
    SeriesPrediction.Written written = Injectors.create(pluginOptions.locations(main.environment()))
        .getInstance(SeriesPrediction.class).predict(model, input, output, dateColumn);
    if (!written.ignoredColumns().isEmpty()) {
      spec.commandLine().getOut().printf(Locale.ROOT, "note: ignored the columns %s, which the model does not take%n",
          written.ignoredColumns());
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d %s to %s%n", written.rows(), written.what(), output);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private int pick() {
    long started = System.nanoTime();
    ContinuousPicking.Summary summary = new ContinuousPicking(new JsonRecords(ConfigMapper.create())).pick(model,
        new ContinuousPicking.Options(inputs, output, java.util.Optional.ofNullable(probabilities),
            channels == null ? List.of() : channels, overlap, stacking, modelRate));
    var out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "picked %s %s from %s to %s: %d samples in %d windows, %.1f s%n", summary.station(),
        summary.channels(), summary.start(), summary.end(), summary.samples(), summary.windows(),
        (System.nanoTime() - started) / 1e9);
    if (summary.rate() != summary.recordRate()) {
      out.printf(Locale.ROOT, "note: the record at %s Hz was resampled to the model's %s Hz%n", summary.recordRate(),
          summary.rate());
    }
    if (summary.gapSamples() > 0) {
      out.printf(Locale.ROOT, "note: %d samples of gaps were filled with zeros or overlaps dropped%n",
          summary.gapSamples());
    }
    out.printf(Locale.ROOT, "wrote %s picks to %s%s%n", summary.picks(), output,
        probabilities == null ? "" : " and the probability traces to " + probabilities);
    out.flush();
    return 0;
  }
}
