package io.tsllm.core.serve;

import io.tsllm.core.UserInputException;
import io.tsllm.core.io.AtomicFiles;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.serve.ExportMetadata.ExportedOutput;
import io.tsllm.spi.CsvRowWriter;
import io.tsllm.spi.DataException;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.OutputRole.Alignment;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an exported model over a CSV series and writes what its outputs are, in original units, by the roles its
 * {@code tsllm.json} records (never by the head that made it):
 * <ul>
 *   <li>a {@link OutputRole#FORECAST} prediction: the horizon after the last {@code input_length} rows, one row per
 *       step;</li>
 *   <li>otherwise the series is cut into windows tiling its rows (a last one aligned to the end covers a
 *       remainder), and each served output is written per row when it has a value per step
 *       ({@link OutputRole#FILLED_SERIES}: every blank filled, observed values as given; {@link OutputRole#STEP_SCORE}:
 *       the score and its 0/1 flag against the threshold the model was tested with;
 *       {@link OutputRole#STEP_PROBABILITIES}: a probability per target, e.g. P and S) and per window otherwise
 *       ({@link OutputRole#CLASS_PROBABILITIES}: the most probable class and each class's probability;
 *       {@link OutputRole#VALUES}), repeated on each row of its window when the model also has per-row outputs.</li>
 * </ul>
 * The input is read and checked against the export's {@code tsllm.json} before the model is loaded: its timestamp
 * column is the model's own unless named, the model's channels are found by name in any order, and other columns
 * are ignored (and reported).
 */
public final class SeriesPrediction {

  private final JsonRecords records;
  private final HostInputRebuilder hostInputs;

  @Inject
  public SeriesPrediction(JsonRecords records, HostInputRebuilder hostInputs) {
    this.records = records;
    this.hostInputs = hostInputs;
  }

  /** The timestamp column {@code predict} assumes for a model whose data had none recorded. */
  public static final String DEFAULT_DATE_COLUMN = "date";

  /**
   * What was written.
   *
   * @param ignoredColumns the input's columns the model does not take
   */
  public record Written(int rows, String what, List<String> ignoredColumns) {}

  /** @param dateColumn the input's timestamp column; null for the model's own (or {@value #DEFAULT_DATE_COLUMN}) */
  public Written predict(Path model, Path input, Path output, String dateColumn) {
    Path folder = output.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new UserInputException("--output: the folder " + folder + " does not exist");
    }
    ExportMetadata described = ServedModel.describe(model, records);
    String stamps = dateColumn != null ? dateColumn
        : described.timestampColumn() != null ? described.timestampColumn() : DEFAULT_DATE_COLUMN;
    SeriesCsv csv = SeriesCsv.read(input, stamps, described.channelNames(), described.fillsMissingValues());
    if (csv.rows().size() < described.inputLength()) {
      throw new DataException(input, null, "has " + csv.rows().size() + " rows; the model needs at least "
          + described.inputLength());
    }
    try (ServedModel served = ServedModel.open(model, described, hostInputs.rebuild(model, described))) {
      Table table = described.prediction().role() == OutputRole.FORECAST ? forecast(served, csv) : tiled(served, csv);
      AtomicFiles.write(output.toAbsolutePath(), table.text().getBytes(StandardCharsets.UTF_8));
      return new Written(table.rows(), table.what(), csv.ignored());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
  }

  /** The CSV text and how many of what it holds. */
  private record Table(String text, int rows, String what) {}

  private static Table forecast(ServedModel served, SeriesCsv history) {
    ExportMetadata metadata = served.metadata();
    ExportedOutput prediction = metadata.prediction();
    List<String> names = metadata.channelNames(prediction);
    float[] forecast = served.predict(window(history, history.rows().size() - served.inputLength(),
        served.inputLength()), 1);
    List<List<String>> csv = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("step"));
    header.addAll(names);
    csv.add(header);
    for (int t = 0; t < metadata.targetLength(); t++) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(t + 1)));
      for (int c = 0; c < names.size(); c++) {
        row.add(String.valueOf(forecast[t * names.size() + c]));
      }
      csv.add(row);
    }
    return new Table(CsvRowWriter.text(csv), metadata.targetLength(), "forecast steps");
  }

  /** Every window tiling the series through the model, its served outputs written per row or per window. */
  private static Table tiled(ServedModel served, SeriesCsv series) {
    ExportMetadata metadata = served.metadata();
    List<ExportedOutput> rowOutputs = new ArrayList<>();
    List<ExportedOutput> windowOutputs = new ArrayList<>();
    for (ExportedOutput output : metadata.outputs()) {
      if (output.role().served()) {
        (output.role().alignment() == Alignment.ROWS ? rowOutputs : windowOutputs).add(output);
      }
    }
    if (rowOutputs.isEmpty() && windowOutputs.isEmpty()) {
      throw new UserInputException("the model's outputs " + metadata.outputs().stream()
          .map(o -> o.name() + " (" + o.role() + ")").toList() + " include none that predict writes");
    }
    int length = served.inputLength();
    int rows = series.rows().size();
    List<Integer> starts = windowStarts(rows, length);
    // Per output, the values of each row (or window); a later window overwrites the rows it shares.
    Map<String, float[][]> perRow = new LinkedHashMap<>();
    List<Map<String, float[]>> perWindow = new ArrayList<>();
    int[] windowOfRow = new int[rows];
    for (int w = 0; w < starts.size(); w++) {
      int start = starts.get(w);
      Map<String, float[]> out = served.call(window(series, start, length), 1);
      perWindow.add(out);
      for (int t = 0; t < length; t++) {
        windowOfRow[start + t] = w;
      }
      for (ExportedOutput output : rowOutputs) {
        float[][] values = perRow.computeIfAbsent(output.name(), k -> new float[rows][]);
        int width = out.get(output.name()).length / length;
        for (int t = 0; t < length; t++) {
          values[start + t] = java.util.Arrays.copyOfRange(out.get(output.name()), t * width, (t + 1) * width);
        }
      }
    }
    // Column names and timestamps come from the user's file and may hold commas or quotes.
    List<List<String>> csv = new ArrayList<>();
    if (!rowOutputs.isEmpty()) {
      List<String> header = new ArrayList<>();
      if (!series.stamps().isEmpty()) {
        header.add(series.stampColumn());
      }
      rowOutputs.forEach(o -> header.addAll(columns(metadata, o)));
      windowOutputs.forEach(o -> header.addAll(columns(metadata, o)));
      csv.add(header);
      for (int r = 0; r < rows; r++) {
        List<String> fields = new ArrayList<>();
        if (!series.stamps().isEmpty()) {
          fields.add(series.stamps().get(r));
        }
        for (ExportedOutput output : rowOutputs) {
          fields.addAll(rowFields(output, perRow.get(output.name())[r], series.rows().get(r)));
        }
        for (ExportedOutput output : windowOutputs) {
          fields.addAll(windowFields(metadata, output, perWindow.get(windowOfRow[r]).get(output.name())));
        }
        csv.add(fields);
      }
      return new Table(CsvRowWriter.text(csv), rows, "rows");
    }
    List<String> header = new ArrayList<>(List.of("first_row", "last_row"));
    if (!series.stamps().isEmpty()) {
      header.addAll(List.of("first_" + series.stampColumn(), "last_" + series.stampColumn()));
    }
    windowOutputs.forEach(o -> header.addAll(columns(metadata, o)));
    csv.add(header);
    for (int w = 0; w < starts.size(); w++) {
      int first = starts.get(w);
      int last = first + length - 1;
      List<String> fields = new ArrayList<>(List.of(String.valueOf(first + 1), String.valueOf(last + 1)));
      if (!series.stamps().isEmpty()) {
        fields.addAll(List.of(series.stamps().get(first), series.stamps().get(last)));
      }
      for (ExportedOutput output : windowOutputs) {
        fields.addAll(windowFields(metadata, output, perWindow.get(w).get(output.name())));
      }
      csv.add(fields);
    }
    return new Table(CsvRowWriter.text(csv), starts.size(), "windows");
  }

  /** The columns an output fills in {@code predict}'s output. */
  private static List<String> columns(ExportMetadata metadata, ExportedOutput output) {
    return switch (output.role()) {
      case FILLED_SERIES -> metadata.channelNames(output);
      case STEP_SCORE -> output.flagColumn() == null ? List.of(output.name())
          : List.of(output.name(), output.flagColumn());
      case CLASS_PROBABILITIES -> {
        List<String> names = new ArrayList<>(List.of("class"));
        metadata.classes().forEach(c -> names.add("p_" + c));
        yield names;
      }
      case VALUES -> metadata.targetNames();
      case STEP_PROBABILITIES -> metadata.targetNames();
      default -> throw new IllegalStateException(output.role() + " is not served");
    };
  }

  private static List<String> rowFields(ExportedOutput output, float[] values, float[] observed) {
    List<String> fields = new ArrayList<>();
    switch (output.role()) {
      case FILLED_SERIES -> {
        int first = output.firstChannel();
        for (int c = 0; c < values.length; c++) {
          float given = observed[first + c];
          fields.add(String.valueOf(Float.isNaN(given) ? values[c] : given));
        }
      }
      case STEP_SCORE -> {
        fields.add(String.valueOf(values[0]));
        if (output.flagColumn() != null) {
          if (output.threshold() == null) {
            throw new UserInputException("the model's " + SavedModelExport.METADATA + " has no threshold for its '"
                + output.name() + "' output");
          }
          fields.add(values[0] > output.threshold() ? "1" : "0");
        }
      }
      case STEP_PROBABILITIES -> {
        for (float value : values) {
          fields.add(String.valueOf(value));
        }
      }
      default -> throw new IllegalStateException(output.role() + " has no value per row");
    }
    return fields;
  }

  private static List<String> windowFields(ExportMetadata metadata, ExportedOutput output, float[] values) {
    List<String> fields = new ArrayList<>();
    if (output.role() == OutputRole.CLASS_PROBABILITIES) {
      int best = 0;
      for (int c = 1; c < values.length; c++) {
        best = values[c] > values[best] ? c : best;
      }
      fields.add(metadata.classes().get(best));
    }
    for (float value : values) {
      fields.add(String.valueOf(value));
    }
    return fields;
  }

  /** Windows tiling the rows; a last one, aligned to the end, covers a remainder. */
  private static List<Integer> windowStarts(int rows, int length) {
    List<Integer> starts = new ArrayList<>();
    for (int start = 0; start + length <= rows; start += length) {
      starts.add(start);
    }
    if (rows % length != 0) {
      starts.add(rows - length);
    }
    return starts;
  }

  private static float[] window(SeriesCsv series, int start, int length) {
    int channels = series.columns().size();
    float[] window = new float[length * channels];
    for (int t = 0; t < length; t++) {
      System.arraycopy(series.rows().get(start + t), 0, window, t * channels, channels);
    }
    return window;
  }

}
