package io.tsllm.backbones.gpt2;

import io.tsllm.backbones.common.BackboneInit;
import io.tsllm.backbones.common.BackboneWeights;
import io.tsllm.backbones.common.LoadedWeights;
import io.tsllm.backbones.common.LoraConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.converters.safetensors.SafetensorsFile;
import io.tsllm.converters.safetensors.TensorInfo;
import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.WindowShape;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The GPT-2 graph against HuggingFace GPT2Model hidden states computed in float64 by
 * tools/gpt2_reference.py (fixture: d=64, 4 heads, 4 layers, 64 tokens, batch 2, every weight random).
 */
class Gpt2ParityTest {

  static final Path FIXTURE = Path.of("src/test/resources/gpt2-reference");
  static final int N_EMBD = 64;
  static final int TOKENS = 64;
  static final int BATCH = 2;

  static final Path LORA_FIXTURE = Path.of("src/test/resources/gpt2-lora-reference");

  @ParameterizedTest(name = "first {0} of 4 layers")
  @ValueSource(ints = {1, 2, 3, 4})
  void matchesHuggingFaceReferenceWithinTolerance(int layers) {
    Gpt2Config config = config(layers, null);
    assertMatchesReference(FIXTURE, config, layers);
  }

  @ParameterizedTest(name = "first {0} of 4 layers")
  @ValueSource(ints = {2, 4})
  void matchesReferencePlusLoraDeltaWithNonZeroB(int layers) {
    Gpt2Config config = config(layers, new LoraConfig(4, 8.0, 0.1, List.of("all-linear")));
    assertMatchesReference(LORA_FIXTURE, config, layers);
  }

  @org.junit.jupiter.api.Test
  void freshAdaptersLeaveTheBaseModelsOutputUnchanged() {
    // PEFT's initialization (B = 0) on the plain checkpoint: the reference without adapters still holds.
    Gpt2Config config = config(4, new LoraConfig(8, 16.0, 0.0, List.of("all-linear")));
    assertMatchesReference(FIXTURE, config, 4);
  }

  @org.junit.jupiter.api.Test
  void ignoringTrainedAdaptersMissesTheLoraReference() {
    org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
        () -> assertMatchesReference(LORA_FIXTURE, config(4, null), 4));
  }

  static Gpt2Config config(int layers, LoraConfig lora) {
    return new Gpt2Config(N_EMBD, 4, 4, layers, 64, 1e-5, "gelu_new", 0.1, 0.1, 0.1, BackboneInit.RANDOM, null, null, lora);
  }

  static Map<String, float[]> readAll(Path file) {
    Map<String, float[]> tensors = new HashMap<>();
    try (SafetensorsFile model = SafetensorsFile.open(file)) {
      for (TensorInfo info : model.tensors().values()) {
        tensors.put(info.name(), model.readFloats(info.name()));
      }
    }
    return tensors;
  }

  static void assertMatchesReference(Path fixture, Gpt2Config config, int layers) {
    Map<String, float[]> weights = readAll(fixture.resolve("model.safetensors"));
    float[] inputs = readAll(fixture.resolve("inputs.safetensors")).get("inputs_embeds");
    double[] expected;
    try (SafetensorsFile file = SafetensorsFile.open(fixture.resolve("reference.safetensors"))) {
      expected = file.readDoubles("last_hidden_state.layers" + layers);
    }

    float[] actual = run(config, new LoadedWeights(weights, "fixture"), inputs);

    assertEquals(expected.length, actual.length);
    double maxError = 0;
    for (int i = 0; i < actual.length; i++) {
      maxError = Math.max(maxError, Math.abs(actual[i] - expected[i]));
    }
    assertTrue(maxError < 1e-4, "max abs error " + maxError + " against the float64 reference");
  }

  /** Runs the graph in evaluation mode (dropout off, as in HuggingFace's eval()). */
  static float[] run(Gpt2Config config, BackboneWeights weights, float[] inputs) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      WindowShape shape = new WindowShape(TOKENS, 1, 1, 1, List.of("x"));
      ModelGraphContext context =
          ModelGraphContext.root(tf, shape, GraphInputs.create(tf), new ParameterRegistry(), 7).forSection("backbone");
      Operand<TFloat32> tokens =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, TOKENS, config.nEmbd())));
      Operand<TFloat32> hidden = new Gpt2Graph(context, config, weights).forward(tokens);
      try (Session session = new Session(graph)) {
        session.initialize();
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(BATCH, TOKENS, config.nEmbd()), DataBuffers.of(inputs, true, false));
            Result result = session.runner().feed(tokens, x).fetch(hidden).run()) {
          float[] out = new float[inputs.length];
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
          return out;
        }
      }
    }
  }
}
