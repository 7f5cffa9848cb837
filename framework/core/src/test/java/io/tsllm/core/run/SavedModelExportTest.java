package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import io.tsllm.core.train.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class SavedModelExportTest {

  @TempDir Path temp;

  @Test
  void exportedModelWithMergedLoraPredictsWhatTheAdaptedModelDoesInOriginalUnits() throws Exception {
    Path experiment = Experiments.write(temp, e -> {
      ((ObjectNode) e.get("backbone")).putObject("lora").put("rank", 4).put("alpha", 8.0)
          .putArray("targets").add("all-linear");
      ((ObjectNode) e.get("training")).put("epochs", 1).put("max_train_steps", 20).put("learning_rate", 0.01);
    });
    var injector = Injectors.create(PluginLocations.none());
    RunResult result = injector.getInstance(ExperimentRunner.class).run(experiment, temp.resolve("runs"), List.of());
    Path exported = result.directory().path().resolve("saved_model");
    assertTrue(Files.exists(exported.resolve("saved_model.pb")));

    try (PreparedExperiment prepared = injector.getInstance(ExperimentPreparer.class).prepare(experiment);
        Session session = new Session(prepared.model().graph())) {
      new CheckpointStore(result.directory().checkpoints(), Experiments.MAPPER).restore(session, "best");
      var shape = prepared.model().shape();
      float[] raw = rawFirstTestWindow(prepared);
      float[] adapted = new float[shape.targetSize()];
      float[] fromSavedModel = new float[shape.targetSize()];
      try (TFloat32 input = TFloat32.tensorOf(Shape.of(1, shape.inputLength(), shape.channels()),
          DataBuffers.of(raw, true, false))) {
        try (Result r = session.runner().feed(prepared.model().rawSeries(), input)
            .fetch(prepared.model().predictionOriginal()).run()) {
          ((TFloat32) r.get(0)).copyTo(DataBuffers.of(adapted, false, false));
        }
        try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString(), "serve");
            Result r = bundle.function("serving_default").call(Map.<String, Tensor>of("series", input))) {
          ((TFloat32) r.get("prediction").orElseThrow()).copyTo(DataBuffers.of(fromSavedModel, false, false));
          assertEquals(0f, value(bundle.session(), "backbone.h.1.mlp.c_fc.lora_B.weight"), "B folded away");
        }
      }
      assertTrue(value(session, "backbone.h.1.mlp.c_fc.lora_B.weight") != 0f, "the checkpoint keeps the adapters");
      for (int i = 0; i < adapted.length; i++) {
        assertEquals(adapted[i], fromSavedModel[i], 1e-3 * Math.max(1, Math.abs(adapted[i])), "value " + i);
      }
      assertTrue(Math.abs(adapted[0]) > 1e-3, "original units, not a normalized zero");
    }
  }

  private static float[] rawFirstTestWindow(PreparedExperiment prepared) {
    var shape = prepared.model().shape();
    float[] window = new float[shape.inputSize()];
    prepared.dataset().test().copyInput(0, window, 0);
    var scaler = prepared.dataset().scaler().orElseThrow();
    for (int i = 0; i < window.length; i++) {
      window[i] = (float) scaler.inverse(window[i], i % shape.channels());
    }
    return window;
  }

  private static float value(Session session, String variable) {
    try (Result result = session.runner().fetch(variable).run()) {
      TFloat32 t = (TFloat32) result.get(0);
      float max = 0;
      float[] all = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(all, false, false));
      for (float v : all) {
        max = Math.max(max, Math.abs(v));
      }
      return max;
    }
  }
}
