package io.tsllm.core.serve;

import io.tsllm.core.UserInputException;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.model.HostInputTensors;
import io.tsllm.spi.HostInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * An exported model, called through its {@code serving_default} signature: windows in original units in, every
 * output of the signature out (series-shaped ones in original units), described by its {@link ExportMetadata}.
 */
public final class ServedModel implements AutoCloseable {

  private final SavedModelBundle bundle;
  private final ExportMetadata metadata;
  private final List<HostInput> hostInputs;

  private ServedModel(SavedModelBundle bundle, ExportMetadata metadata, List<HostInput> hostInputs) {
    this.bundle = bundle;
    this.metadata = metadata;
    this.hostInputs = List.copyOf(hostInputs);
  }

  /** @param model a SavedModel folder, or a run folder holding one */
  public static ServedModel open(Path model, JsonRecords records) {
    return open(model, describe(model, records));
  }

  /**
   * @param metadata what {@link #describe} read from the export, when the caller has it already
   */
  public static ServedModel open(Path model, ExportMetadata metadata) {
    return open(model, metadata, List.of());
  }

  /**
   * @param hostInputs the embedder's host inputs the export takes besides the windows ({@link HostInputRebuilder})
   */
  public static ServedModel open(Path model, ExportMetadata metadata, List<HostInput> hostInputs) {
    Path folder = folder(model);
    List<String> needed = metadata.hostInputs() == null ? List.of() : metadata.hostInputs().names();
    List<String> given = hostInputs.stream().map(HostInput::name).toList();
    if (!given.containsAll(needed)) {
      throw new UserInputException(folder + " takes host inputs " + needed + " computed by its embedder '"
          + metadata.hostInputs().embedder() + "'; this command cannot compute them");
    }
    Path index = folder.resolve("variables").resolve("variables.index");
    if (!Files.isRegularFile(index)) {
      throw new UserInputException(folder + " is a damaged export: it lacks variables/variables.index, which holds"
          + " the trained weights (export the run again: evaluate and predict need them)");
    }
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(folder.toString(), SavedModelBundle.DEFAULT_TAG);
    } catch (RuntimeException e) {
      throw new UserInputException(folder + " is a damaged export: TensorFlow cannot load it (" + firstLine(e)
          + ")", e);
    }
    try {
      checkSignature(folder, bundle.function(Signature.DEFAULT_KEY).signature(), metadata);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
    return new ServedModel(bundle, metadata, hostInputs);
  }

  /**
   * What the export at {@code model} is, from its {@code tsllm.json} alone, without loading the model: callers check
   * their input against it first.
   *
   * @param model a SavedModel folder, or a run folder holding one
   */
  public static ExportMetadata describe(Path model, JsonRecords records) {
    Path folder = folder(model);
    if (!Files.isRegularFile(folder.resolve("saved_model.pb"))) {
      throw new UserInputException(model + " holds no SavedModel (no saved_model.pb here or in "
          + SavedModelExport.FOLDER + "/)");
    }
    Path described = folder.resolve(SavedModelExport.METADATA);
    if (!Files.isRegularFile(described)) {
      throw new UserInputException(folder + " is not a tsllm export: it lacks " + SavedModelExport.METADATA
          + ", which says what the model's outputs are");
    }
    return records.read(described, ExportMetadata.class);
  }

  private static Path folder(Path model) {
    return Files.isDirectory(model.resolve(SavedModelExport.FOLDER)) ? model.resolve(SavedModelExport.FOLDER) : model;
  }

  /** The signature must take the window {@code tsllm.json} describes and give every output it lists. */
  private static void checkSignature(Path folder, Signature signature, ExportMetadata metadata) {
    var input = signature.getInputs().get(SavedModelExport.INPUT);
    if (input == null) {
      throw new UserInputException(folder + ": serving_default lacks the '" + SavedModelExport.INPUT
          + "' input of a tsllm export");
    }
    Shape shape = input.shape;
    if (shape.numDimensions() != 3 || shape.get(1) != metadata.inputLength() || shape.get(2) != metadata.channels()) {
      throw new UserInputException(folder + ": " + SavedModelExport.METADATA + " describes windows of "
          + metadata.inputLength() + " x " + metadata.channels() + " but the signature takes " + shape);
    }
    for (ExportMetadata.ExportedOutput output : metadata.outputs()) {
      if (!signature.getOutputs().containsKey(output.name())) {
        throw new UserInputException(folder + ": " + SavedModelExport.METADATA + " lists the output '"
            + output.name() + "' that serving_default lacks (it has " + signature.getOutputs().keySet() + ")");
      }
    }
  }

  public ExportMetadata metadata() {
    return metadata;
  }

  public int inputLength() {
    return metadata.inputLength();
  }

  public int channels() {
    return metadata.channels();
  }

  /**
   * @param windows {@code count} windows, row-major {@code [count, input_length, channels]}, original units
   * @return the main output {@code prediction}, row-major
   */
  public float[] predict(float[] windows, int count) {
    return call(windows, count).get(SavedModelExport.OUTPUT);
  }

  /**
   * Every output of the signature by name: {@code prediction} and the head's further outputs.
   *
   * @param windows {@code count} windows, row-major {@code [count, input_length, channels]}, original units
   */
  public Map<String, float[]> call(float[] windows, int count) {
    int inputLength = inputLength();
    int channels = channels();
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(count, inputLength, channels),
            DataBuffers.of(windows, true, false).narrow((long) count * inputLength * channels));
        HostValues host = new HostValues(hostInputs, windows, count);
        Result result = run(input, host.tensors)) {
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

  /** The signature on one batch; an export whose weights are missing or damaged fails here, and says so. */
  private Result run(TFloat32 input, Map<String, TInt32> host) {
    Map<String, Tensor> inputs = new LinkedHashMap<>(host);
    inputs.put(SavedModelExport.INPUT, input);
    try {
      return bundle.function(Signature.DEFAULT_KEY).call(inputs);
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      throw new UserInputException("the export cannot run (its variables are missing or damaged; export the run"
          + " again): " + firstLine(e), e);
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  @Override
  public void close() {
    bundle.close();
  }

  /** The host inputs' values for one call, closed after it. */
  private static final class HostValues implements AutoCloseable {
    final Map<String, TInt32> tensors = new LinkedHashMap<>();

    HostValues(List<HostInput> inputs, float[] windows, int count) {
      try {
        for (HostInput input : inputs) {
          tensors.put(input.name(), HostInputTensors.compute(input, windows, count));
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    @Override
    public void close() {
      tensors.values().forEach(TInt32::close);
    }
  }

}
