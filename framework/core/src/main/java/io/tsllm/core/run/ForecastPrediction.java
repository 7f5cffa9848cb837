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
import java.util.Optional;

/**
 * Forecasts from the last {@code input_length} rows of a CSV with an exported model, and writes the forecast as a
 * CSV ({@code step} and one column per channel, original units). When the model lies in a run folder, the input's
 * columns must be the ones it was trained on, in the same order.
 */
public final class ForecastPrediction {

  private final ObjectMapper mapper;

  @Inject
  public ForecastPrediction(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** @return the number of forecast rows written */
  public int predict(Path model, Path input, Path output, String dateColumn) {
    try (SavedModelRunner runner = SavedModelRunner.open(model)) {
      if (!runner.forecasts()) {
        throw new UserInputException(model + " is not a forecasting model; use evaluate for classifiers");
      }
      ForecastInput history = ForecastInput.read(input, dateColumn);
      Optional<List<String>> trained = trainedColumns(model);
      if (history.columns().size() != runner.channels()) {
        throw new DataException(input, "line 1", "has " + history.columns().size() + " value columns "
            + history.columns() + ", the model takes " + runner.channels() + trained.map(c -> " " + c).orElse(""));
      }
      if (trained.isPresent() && !trained.get().equals(history.columns())) {
        throw new DataException(input, "line 1", "columns " + history.columns() + " differ from the ones the model"
            + " was trained on, " + trained.get());
      }
      if (history.rows().size() < runner.inputLength()) {
        throw new DataException(input, null, "has " + history.rows().size() + " rows; the model needs the last "
            + runner.inputLength());
      }
      float[] forecast = runner.predict(history.lastWindow(runner.inputLength()), 1);
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
      AtomicFiles.write(output.toAbsolutePath(), csv.toString().getBytes(StandardCharsets.UTF_8));
      return runner.horizon();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
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
