package io.tsllm.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tsllm.core.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * An exported model, called through its {@code serving_default} signature: windows in original units in,
 * predictions in original units out (with the head's further outputs, if any).
 */
public final class SavedModelRunner implements AutoCloseable {

  private final SavedModelBundle bundle;
  private final int inputLength;
  private final int channels;
  private final int horizon;
  private final int targetChannels;
  private final boolean forecasts;
  private final JsonNode metadata;

  private SavedModelRunner(SavedModelBundle bundle, Shape input, Shape output, JsonNode metadata) {
    this.bundle = bundle;
    this.metadata = metadata;
    this.inputLength = (int) input.get(1);
    this.channels = (int) input.get(2);
    // Without metadata (an export of an earlier version), a forecaster is what gives [batch, horizon, channels].
    this.forecasts = metadata.isMissingNode() ? output.numDimensions() == 3
        : "future".equals(metadata.path("target_kind").asText());
    this.horizon = output.numDimensions() == 3 ? (int) output.get(1) : 1;
    this.targetChannels = output.numDimensions() == 3 ? (int) output.get(2) : (int) output.get(1);
  }

  /** @param model a SavedModel folder, or a run folder holding one */
  public static SavedModelRunner open(Path model) {
    Path folder = Files.isDirectory(model.resolve(SavedModelExport.FOLDER)) ? model.resolve(SavedModelExport.FOLDER)
        : model;
    if (!Files.isRegularFile(folder.resolve("saved_model.pb"))) {
      throw new UserInputException(model + " holds no SavedModel (no saved_model.pb here or in "
          + SavedModelExport.FOLDER + "/)");
    }
    SavedModelBundle bundle = SavedModelBundle.load(folder.toString(), SavedModelBundle.DEFAULT_TAG);
    Signature signature = bundle.function(Signature.DEFAULT_KEY).signature();
    var input = signature.getInputs().get(SavedModelExport.INPUT);
    if (input == null || signature.getOutputs().get(SavedModelExport.OUTPUT) == null) {
      bundle.close();
      throw new UserInputException(folder + ": serving_default lacks the '" + SavedModelExport.INPUT + "' input or the '"
          + SavedModelExport.OUTPUT + "' output of a tsllm export");
    }
    return new SavedModelRunner(bundle, input.shape, signature.getOutputs().get(SavedModelExport.OUTPUT).shape,
        metadata(folder));
  }

  private static JsonNode metadata(Path folder) {
    Path file = folder.resolve(SavedModelExport.METADATA);
    if (!Files.isRegularFile(file)) {
      return MissingNode.getInstance();
    }
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The head that made the model ({@code forecast}, {@code impute}, ...); empty for exports without metadata. */
  public String head() {
    return metadata.path("head").asText("");
  }

  /** The anomaly threshold the model was tested with, when it has one. */
  public java.util.OptionalDouble threshold() {
    JsonNode threshold = metadata.path("threshold");
    return threshold.isNumber() ? java.util.OptionalDouble.of(threshold.asDouble()) : java.util.OptionalDouble.empty();
  }


  public int inputLength() {
    return inputLength;
  }

  public int channels() {
    return channels;
  }

  public int horizon() {
    return horizon;
  }

  public int targetChannels() {
    return targetChannels;
  }

  /** Whether the model forecasts ({@code [batch, horizon, channels]}) rather than classifies. */
  public boolean forecasts() {
    return forecasts;
  }

  /**
   * @param windows {@code count} windows, row-major {@code [count, input_length, channels]}, original units
   * @return the forecasts, row-major {@code [count, horizon, target_channels]}
   */
  public float[] predict(float[] windows, int count) {
    return call(windows, count).get(SavedModelExport.OUTPUT);
  }

  /**
   * Every output of the signature: {@code prediction} and the head's further outputs (e.g. {@code score}).
   *
   * @param windows {@code count} windows, row-major {@code [count, input_length, channels]}, original units
   */
  public Map<String, float[]> call(float[] windows, int count) {
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(count, inputLength, channels),
            DataBuffers.of(windows, true, false).narrow((long) count * inputLength * channels));
        Result result = bundle.function(Signature.DEFAULT_KEY)
            .call(Map.<String, Tensor>of(SavedModelExport.INPUT, input))) {
      Map<String, float[]> outputs = new LinkedHashMap<>();
      for (String name : bundle.function(Signature.DEFAULT_KEY).signature().getOutputs().keySet()) {
        TFloat32 output = (TFloat32) result.get(name).orElseThrow();
        float[] values = new float[(int) output.size()];
        output.copyTo(DataBuffers.of(values, false, false));
        outputs.put(name, values);
      }
      return outputs;
    }
  }

  @Override
  public void close() {
    bundle.close();
  }
}
