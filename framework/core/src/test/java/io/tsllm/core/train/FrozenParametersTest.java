package io.tsllm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.model.ParameterTable;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import io.tsllm.spi.ParameterRole;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

class FrozenParametersTest {

  @TempDir Path temp;

  PreparedExperiment prepare(String trainable, boolean lora) {
    Path file = Experiments.write(temp, e -> {
      ObjectNode backbone = (ObjectNode) e.get("backbone");
      backbone.put("trainable", trainable);
      if (lora) {
        backbone.putObject("lora").put("rank", 4).put("alpha", 8.0).putArray("targets").add("all-linear");
      }
    });
    return Injectors.create(PluginLocations.none()).getInstance(ExperimentPreparer.class).prepare(file);
  }

  @Test
  void gpt4tsTrainsLayerNormsAndPositionsButFreezesAttentionAndMlp() {
    try (PreparedExperiment prepared = prepare("gpt4ts", false)) {
      ParameterTable table = ParameterTable.of(prepared.model());
      assertEquals(4 * 64 * 2 + 2 * 64, table.trainable().get(ParameterRole.LAYER_NORM), "ln_1, ln_2 x 2 + ln_f");
      assertEquals(32 * 64, table.trainable().get(ParameterRole.POSITION_EMBEDDING));
      assertEquals(null, table.trainable().get(ParameterRole.BACKBONE));
      assertEquals(2 * (64 * 192 + 192 + 64 * 64 + 64 + 64 * 256 + 256 + 256 * 64 + 64),
          table.frozen().get(ParameterRole.BACKBONE));
    }
  }

  @Test
  void frozenWeightsGetNoOptimizerStateAndDoNotMove() {
    try (PreparedExperiment prepared = prepare("seismollm", true)) {
      Graph graph = prepared.model().graph();
      TrainingGraph step = TrainingGraph.build(prepared.model(), prepared.config().training());
      assertNull(graph.operation("backbone.h.0.attn.c_attn.weight-m"), "no Adam slot for a frozen weight");
      assertNotNull(graph.operation("backbone.h.0.attn.c_attn.lora_B.weight-m"), "adapters train");
      assertNotNull(graph.operation("backbone.h.0.ln_1.weight-m"), "layer norms train");

      String frozen = "backbone.h.0.mlp.c_fc.weight";
      String adapter = "backbone.h.0.mlp.c_fc.lora_B.weight";
      try (Session session = new Session(graph)) {
        session.initialize();
        float frozenBefore = value(session, frozen);
        float adapterBefore = value(session, adapter);
        WindowBatch batch = new WindowBatch(prepared.model().shape(), 8);
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
        batch.fill(prepared.dataset().train(), order, 0, 8);
        Trainer.runStep(session, prepared.model(), step, batch, 7, 1, 1e-3);
        assertEquals(frozenBefore, value(session, frozen), "a frozen weight does not move");
        assertEquals(0f, adapterBefore, "B starts at zero");
        assertNotEquals(adapterBefore, value(session, adapter), "an adapter moves");
      }
    }
  }

  private static float value(Session session, String variable) {
    try (Result result = session.runner().fetch(variable).run()) {
      return ((TFloat32) result.get(0)).getFloat(0, 0);
    }
  }
}
