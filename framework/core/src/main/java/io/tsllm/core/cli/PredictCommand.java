package io.tsllm.core.cli;

import com.google.inject.Injector;
import io.tsllm.core.UserInputException;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginKind;
import io.tsllm.core.plugin.PluginRegistry;
import io.tsllm.core.serve.SeriesPrediction;
import io.tsllm.core.serve.streaming.CsvRecordReader;
import io.tsllm.core.serve.streaming.StreamingInference;
import io.tsllm.spi.RecordReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        + " value filled; a score and a 0/1 flag per row; the class or values of each window. With a record that a"
        + " record reader plugin streams (MiniSEED, SAC: `plugins` lists the readers), or a CSV with --stream, and a"
        + " model with per-step outputs: streams a continuous record of any length through it, writing a picking"
        + " model's picks as CSV (station, phase, time in UTC, probability), or another model's per-step values.")
final class PredictCommand implements Callable<Integer> {

  @Mixin PluginOptions pluginOptions;

  private final Main main;

  PredictCommand(Main main) {
    this.main = main;
  }

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A run folder or a SavedModel.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "The series (CSV), or a"
      + " record's files: MiniSEED holding the station's channels, one SAC file per channel (repeat --input), or"
      + " any format a record reader plugin reads.")
  List<Path> inputs;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the result: CSV"
      + " (the picks, for a streamed record and a picking model), or a streamed model's per-step values in the"
      + " format a trace writer writes (.csv, .mseed).")
  Path output;

  @Option(names = "--stream", description = "Stream a CSV series through a model with per-step outputs, as a record"
      + " (other record formats always stream).")
  boolean stream;

  @Option(names = "--reader", paramLabel = "NAME", description = "Streamed record: the record reader plugin"
      + " (default: the one that reads the input's extension).")
  String reader;

  @Option(names = "--reader-option", paramLabel = "KEY=VALUE", description = "Streamed record: an option of the"
      + " reader (repeatable; `plugins` lists each reader's), e.g. gaps=fail for MiniSEED.")
  List<String> readerOptions;

  @Option(names = "--writer-option", paramLabel = "KEY=VALUE", description = "Streamed record: an option of the"
      + " trace writers (repeatable; `plugins` lists each writer's), e.g. record_length=512 for MiniSEED.")
  List<String> writerOptions;

  @Option(names = {"--traces", "--probabilities"}, paramLabel = "FILE", description = "Streamed record: also write"
      + " every stitched per-step output as traces, in the format of the file's name (.mseed: a channel per phase"
      + " and DET for detection; .csv).")
  Path traces;

  @Option(names = "--overlap", paramLabel = "SAMPLES", description = "Streamed record: samples consecutive windows"
      + " share (default half the model's window).")
  Integer overlap;

  @Option(names = "--stacking", paramLabel = "avg|max", defaultValue = "avg", description = "Streamed record: how"
      + " overlapping windows' outputs combine (default ${DEFAULT-VALUE}).")
  String stacking;

  @Option(names = "--model-rate", paramLabel = "HZ", description = "Streamed record: the sampling rate the model"
      + " was trained at (default: the run's head.sampling_rate); a record at another rate is resampled to it.")
  Double modelRate;

  @Option(names = "--channels", split = ",", paramLabel = "ID", description = "Streamed record: the input channels"
      + " in the model's channel order, by the reader's ids (NET.STA.LOC.CHA for seismic records, column names for"
      + " CSV; default: matched by the model's channel names as the reader matches them, HHZ for Z).")
  List<String> channels;

  @Option(names = "--date-column", paramLabel = "NAME",
      description = "The input's timestamp column (default: the one of the model's training data, else "
          + SeriesPrediction.DEFAULT_DATE_COLUMN + ").")
  String dateColumn;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Injector injector = Injectors.create(pluginOptions.locations(main.environment()));
    if (stream || reader != null || !isCsvSeries(injector.getInstance(PluginRegistry.class))) {
      return stream(injector);
    }
    if (inputs.size() != 1) {
      throw new UserInputException("--input: a CSV series is one file; got " + inputs);
    }
    Path input = inputs.get(0);
    SeriesPrediction.Written written = injector.getInstance(SeriesPrediction.class).predict(model, input, output,
        dateColumn);
    if (!written.ignoredColumns().isEmpty()) {
      spec.commandLine().getOut().printf(Locale.ROOT, "note: ignored the columns %s, which the model does not take%n",
          written.ignoredColumns());
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d %s to %s%n", written.rows(), written.what(), output);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Whether the inputs are read as a CSV series: no reader plugin other than csv accepts them. */
  private boolean isCsvSeries(PluginRegistry plugins) {
    return inputs.stream().noneMatch(file -> plugins.all(PluginKind.READER).stream()
        .anyMatch(p -> !p.name().equals(CsvRecordReader.NAME) && ((RecordReader<?>) p.plugin()).accepts(file)));
  }

  private int stream(Injector injector) {
    long started = System.nanoTime();
    // --date-column names a CSV's timestamp column; with it, the record is a CSV.
    String chosenReader = reader == null && stream && dateColumn != null ? CsvRecordReader.NAME : reader;
    List<String> chosenOptions = new java.util.ArrayList<>(readerOptions == null ? List.of() : readerOptions);
    if (dateColumn != null && CsvRecordReader.NAME.equals(chosenReader)) {
      chosenOptions.add("date_column=\"" + dateColumn + "\"");
    }
    StreamingInference.Summary summary = injector.getInstance(StreamingInference.class).run(model,
        new StreamingInference.Options(inputs, output, Optional.ofNullable(traces), chosenReader,
            chosenOptions, writerOptions == null ? List.of() : writerOptions,
            channels == null ? List.of() : channels, overlap, stacking, modelRate));
    var out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s %s %s from %s to %s: %d samples in %d windows, %.1f s%n",
        summary.picked() ? "picked" : "streamed", summary.source(), summary.channels(), summary.start(),
        summary.end(), summary.samples(), summary.windows(), (System.nanoTime() - started) / 1e9);
    if (summary.rate() != summary.recordRate()) {
      out.printf(Locale.ROOT, "note: the record at %s Hz was resampled to the model's %s Hz%n", summary.recordRate(),
          summary.rate());
    }
    if (summary.gapSamples() > 0) {
      out.printf(Locale.ROOT, "note: %d samples, counted over all channels, were gaps, filled as the reader fills"
          + " them (MiniSEED: zeros; CSV: missing values), or overlapping samples dropped%n",
          summary.gapSamples());
    }
    if (summary.picked()) {
      out.printf(Locale.ROOT, "wrote %s picks to %s%s%n", summary.picks(), output,
          traces == null ? "" : " and the traces to " + traces);
    } else {
      out.printf(Locale.ROOT, "wrote %d rows of per-step values to %s%s%n", summary.samples(), output,
          traces == null ? "" : " and the traces to " + traces);
    }
    out.flush();
    return 0;
  }
}
