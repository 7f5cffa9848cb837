package io.tsllm.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.UserInputException;
import io.tsllm.spi.DataException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an exported model over a CSV series and writes what its task gives, in original units: a forecaster
 * forecasts the horizon after the last {@code input_length} rows ({@code step} and one column per target); an
 * imputer fills every missing value (empty or NaN fields) of the series, window by window; an anomaly detector
 * scores every row and flags those above the threshold it was tested with. When the model lies in a run folder,
 * the input's columns must be the ones it was trained on, in the same order.
 */
public final class SeriesPrediction {

  private final ObjectMapper mapper;

  @Inject
  public SeriesPrediction(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** What was written. */
  public record Written(int rows, String what) {}

  public Written predict(Path model, Path input, Path output, String dateColumn) {
    try (SavedModelRunner runner = SavedModelRunner.open(model)) {
      String task = runner.forecasts() ? "forecast" : runner.head();
      if (!List.of("forecast", "impute", "reconstruct").contains(task)) {
        throw new UserInputException(model + " comes from the '" + task + "' head; predict serves forecasting,"
            + " imputation and anomaly-detection models (use evaluate for the others)");
      }
      SeriesCsv csv = SeriesCsv.read(input, dateColumn, "impute".equals(task));
      checkColumns(model, input, csv, runner);
      if (csv.rows().size() < runner.inputLength()) {
        throw new DataException(input, null, "has " + csv.rows().size() + " rows; the model needs at least "
            + runner.inputLength());
      }
      String text;
      Written written;
      switch (task) {
        case "forecast" -> {
          text = forecast(runner, csv);
          written = new Written(runner.horizon(), "forecast steps");
        }
        case "impute" -> {
          text = impute(runner, csv);
          written = new Written(csv.rows().size(), "imputed rows");
        }
        default -> {
          text = score(runner, csv);
          written = new Written(csv.rows().size(), "scored rows");
        }
      }
      AtomicFiles.write(output.toAbsolutePath(), text.getBytes(StandardCharsets.UTF_8));
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
  }

  private static String forecast(SavedModelRunner runner, SeriesCsv history) {
    float[] forecast = runner.predict(window(history, history.rows().size() - runner.inputLength(),
        runner.inputLength()), 1);
    // Targets are the last target channels of the input.
    List<String> names = history.columns().subList(history.columns().size() - runner.targetChannels(),
        history.columns().size());
    StringBuilder csv = new StringBuilder("step," + String.join(",", names) + "\n");
    for (int t = 0; t < runner.horizon(); t++) {
      csv.append(t + 1);
      for (int c = 0; c < runner.targetChannels(); c++) {
        csv.append(',').append(forecast[t * runner.targetChannels() + c]);
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** Every window of the series through the imputer; observed values are written back unchanged. */
  private static String impute(SavedModelRunner runner, SeriesCsv series) {
    int channels = series.columns().size();
    float[][] filled = new float[series.rows().size()][];
    for (int start : windowStarts(series.rows().size(), runner.inputLength())) {
      float[] out = runner.predict(window(series, start, runner.inputLength()), 1);
      for (int t = 0; t < runner.inputLength(); t++) {
        filled[start + t] = java.util.Arrays.copyOfRange(out, t * channels, (t + 1) * channels);
      }
    }
    StringBuilder csv = new StringBuilder(header(series));
    for (int r = 0; r < filled.length; r++) {
      stamp(csv, series, r);
      for (int c = 0; c < channels; c++) {
        float observed = series.rows().get(r)[c];
        csv.append(c == 0 ? "" : ",").append(Float.isNaN(observed) ? filled[r][c] : observed);
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** Every row's anomaly score, and whether it exceeds the model's threshold. */
  private static String score(SavedModelRunner runner, SeriesCsv series) {
    double threshold = runner.threshold().orElseThrow(() -> new UserInputException(
        "the model has no threshold in its " + SavedModelExport.METADATA));
    float[] scores = new float[series.rows().size()];
    for (int start : windowStarts(series.rows().size(), runner.inputLength())) {
      Map<String, float[]> out = runner.call(window(series, start, runner.inputLength()), 1);
      System.arraycopy(out.get("score"), 0, scores, start, runner.inputLength());
    }
    StringBuilder csv = new StringBuilder(series.stamps().isEmpty() ? "" : series.stampColumn() + ",")
        .append("score,anomaly\n");
    for (int r = 0; r < scores.length; r++) {
      stamp(csv, series, r);
      csv.append(scores[r]).append(',').append(scores[r] > threshold ? 1 : 0).append('\n');
    }
    return csv.toString();
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

  private static String header(SeriesCsv series) {
    return (series.stamps().isEmpty() ? "" : series.stampColumn() + ",") + String.join(",", series.columns()) + "\n";
  }

  private static void stamp(StringBuilder csv, SeriesCsv series, int row) {
    if (!series.stamps().isEmpty()) {
      csv.append(series.stamps().get(row)).append(',');
    }
  }

  private void checkColumns(Path model, Path input, SeriesCsv csv, SavedModelRunner runner) {
    Optional<List<String>> trained = trainedColumns(model);
    if (csv.columns().size() != runner.channels()) {
      throw new DataException(input, "line 1", "has " + csv.columns().size() + " value columns "
          + csv.columns() + ", the model takes " + runner.channels() + trained.map(c -> " " + c).orElse(""));
    }
    if (trained.isPresent() && !trained.get().equals(csv.columns())) {
      throw new DataException(input, "line 1", "columns " + csv.columns() + " differ from the ones the model"
          + " was trained on, " + trained.get());
    }
  }

  private Optional<List<String>> trainedColumns(Path model) {
    return SavedModelEvaluation.runFolder(model).map(run -> {
      try {
        JsonNode columns = mapper.readTree(run.resolve(RunDirectory.PROVENANCE).toFile()).at("/data/columns");
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.asText()));
        return names.isEmpty() ? null : names;
      } catch (IOException e) {
        throw new UserInputException("cannot read the provenance of " + run + ": " + e.getMessage());
      }
    });
  }
}
