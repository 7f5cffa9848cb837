package io.tsllm.core.serve;

import io.tsllm.core.io.AtomicFiles;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.model.HostInputTensors;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.graph.CrossPluginInputs.HostFeed;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.OutputSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Exports the trained model as a SavedModel with a {@code serving_default} signature that takes windows in the
 * data's original units ({@code series}) and returns predictions in original units ({@code prediction}); the
 * dataset's scaler is inside the graph. Optionally folds LoRA adapters into their base weights first. The export
 * is written beside its final place and renamed when complete, then loaded back and checked against the session.
 */
public final class SavedModelExport {

  public static final String FOLDER = "saved_model";
  public static final String INPUT = "series";
  public static final String OUTPUT = OutputSpec.PREDICTION;
  /** What the model is ({@link ExportMetadata}), beside the SavedModel's own files (TensorFlow ignores it). */
  public static final String METADATA = "tsllm.json";
  private static final Logger LOG = LoggerFactory.getLogger(SavedModelExport.class);
  /** The reloaded model must reproduce the session this closely (float32, same kernels). */
  private static final float TOLERANCE = 1e-4f;

  private SavedModelExport() {}

  /**
   * @param metadata written as {@value #METADATA} inside the export
   */
  public static Path export(Session session, ModelGraph model, Dataset data, Path runFolder, boolean mergeAdapters,
      ExportMetadata metadata, JsonRecords records) {
    if (mergeAdapters && model.mergeAdapters() != null) {
      session.run(model.mergeAdapters());
      LOG.info("LoRA adapters merged into their base weights for export");
    }
    Path target = runFolder.resolve(FOLDER);
    Path temp = runFolder.resolve("." + FOLDER + ".tmp");
    try {
      AtomicFiles.deleteTree(temp);
      Signature.Builder builder = Signature.builder().key(Signature.DEFAULT_KEY)
          .input(INPUT, model.rawSeries()).output(OUTPUT, model.predictionOriginal());
      model.hostFeeds().forEach(feed -> builder.input(feed.input().name(), feed.placeholder()));
      model.outputs().forEach(builder::output);
      Signature signature = builder.build();
      SavedModelBundle.exporter(temp.toString()).withSession(session).withSignature(signature).export();
      records.write(temp.resolve(METADATA), metadata);
      // A resumed run that was stopped after its export exports the same model again.
      AtomicFiles.deleteTree(target);
      AtomicFiles.move(temp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export the SavedModel to " + target, e);
    }
    checkRoundTrip(session, model, data, target);
    LOG.info("SavedModel: {} (signature serving_default: {} [batch, {}, {}]{} -> {} {}, original units{})", target,
        INPUT, model.shape().inputLength(), model.shape().channels(), model.hostFeeds().isEmpty() ? ""
            : " and " + model.hostFeeds().stream().map(f -> f.input().name() + " [batch x "
                + f.input().rowsPerWindow() + ", " + f.input().width() + "]").toList(),
        OUTPUT, model.predictionOriginal().shape(),
        model.outputs().isEmpty() ? "" : "; also " + model.outputs().keySet());
    return target;
  }

  /** The first test window, through the session and through the reloaded SavedModel, must agree. */
  private static void checkRoundTrip(Session session, ModelGraph model, Dataset data, Path exported) {
    var shape = model.shape();
    float[] scaled = new float[shape.inputSize()];
    data.test().copyInput(0, scaled, 0);
    float[] window = ChannelUnits.toOriginal(scaled, scaled.length, new ChannelSpan(0, shape.channels()),
        data.scaler());
    float[] expected = new float[model.predictionSize()];
    float[] actual = new float[model.predictionSize()];
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(1, shape.inputLength(), shape.channels()),
        DataBuffers.of(window, true, false))) {
      Map<String, Tensor> served = new HashMap<>(Map.of(INPUT, input));
      Session.Runner runner = session.runner().feed(model.rawSeries(), input).fetch(model.predictionOriginal());
      try (HostInputTensors host = HostInputTensors.feed(model.hostFeeds(), runner, window, 1);
          Result result = runner.run()) {
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(expected, false, false));
      }
      List<TInt32> hostValues = new ArrayList<>();
      for (HostFeed feed : model.hostFeeds()) {
        TInt32 values = HostInputTensors.compute(feed, window, 1);
        hostValues.add(values);
        served.put(feed.input().name(), values);
      }
      try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString(), SavedModelBundle.DEFAULT_TAG);
          Result result = bundle.function(Signature.DEFAULT_KEY).call(served)) {
        ((TFloat32) result.get(OUTPUT).orElseThrow()).copyTo(DataBuffers.of(actual, false, false));
      } finally {
        hostValues.forEach(TInt32::close);
      }
    }
    for (int i = 0; i < expected.length; i++) {
      if (Math.abs(expected[i] - actual[i]) > TOLERANCE * Math.max(1, Math.abs(expected[i]))) {
        throw new IllegalStateException("the exported SavedModel at " + exported + " predicts " + actual[i]
            + " where the session predicts " + expected[i] + " (value " + i + " of the first test window)");
      }
    }
  }
}
