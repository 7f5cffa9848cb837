package io.tsllm.backbones.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.backbones.common.BackboneInit;
import io.tsllm.backbones.common.BackboneWeights;
import io.tsllm.backbones.common.LoadedWeights;
import io.tsllm.backbones.common.LoraConfig;
import io.tsllm.converters.llama.HfLlamaConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * The LLaMA graph against HuggingFace LlamaModel / Qwen2Model hidden states computed in float64 by
 * tools/llama_reference.py. Fixtures (every weight random, norm gains included; 40 tokens, batch 2, width 64):
 * {@code llama-reference} GQA 4 query / 2 key-value heads; {@code llama-rope-reference} llama3 rope scaling, theta
 * 5e5, head_dim 32 (q wider than the hidden state); {@code qwen2-reference} q/k/v biases, one key-value head, dynamic
 * NTK scaling past its 32 positions; {@code llama-lora-reference} linear scaling, attention_bias on q/k/v/o and
 * LoRA adapters (non-zero B) on every projection.
 */
class LlamaParityTest {

  static final Path RESOURCES = Path.of("src/test/resources");
  static final int TOKENS = 40;
  static final int BATCH = 2;

  @ParameterizedTest(name = "{0}, first {1} of 3 layers")
  @CsvSource({"llama-reference, 1", "llama-reference, 2", "llama-reference, 3", "llama-rope-reference, 3",
      "qwen2-reference, 1", "qwen2-reference, 3", "llama-lora-reference, 2"})
  void matchesHuggingFaceReferenceWithinTolerance(String fixture, int layers) {
    LoraConfig lora = fixture.contains("lora") ? new LoraConfig(4, 8.0, 0.1, List.of("all-linear")) : null;
    assertMatchesReference(RESOURCES.resolve(fixture), layers, lora);
  }

  @ParameterizedTest(name = "only {0}")
  @ValueSource(strings = {"q_proj", "down_proj"})
  void adaptersOnOneProjectionAloneMissTheReferenceOfAll(String target) {
    assertThrows(org.opentest4j.AssertionFailedError.class, () -> assertMatchesReference(
        RESOURCES.resolve("llama-lora-reference"), 3, new LoraConfig(4, 8.0, 0.0, List.of(target))));
  }

  @Test
  void freshAdaptersLeaveTheBaseModelsOutputUnchanged() {
    // PEFT's initialization (B = 0) on the plain checkpoint: the reference without adapters still holds.
    assertMatchesReference(RESOURCES.resolve("llama-reference"), 3,
        new LoraConfig(8, 16.0, 0.0, List.of("all-linear")));
  }

  @Test
  void ignoringTrainedAdaptersMissesTheLoraReference() {
    assertThrows(org.opentest4j.AssertionFailedError.class,
        () -> assertMatchesReference(RESOURCES.resolve("llama-lora-reference"), 3, null));
  }

  @Test
  void ropeScalingChangesTheOutput() {
    // The same weights without the fixture's llama3 scaling must not match: the scaling is really computed.
    Path fixture = RESOURCES.resolve("llama-rope-reference");
    LlamaConfig scaled = config(HfLlamaConfig.read(fixture.resolve("config.json")), 3, null);
    LlamaConfig plain = new LlamaConfig(scaled.modelType(), scaled.hiddenSize(), scaled.intermediateSize(),
        scaled.numHiddenLayers(), 3, scaled.numAttentionHeads(), scaled.numKeyValueHeads(), scaled.headDim(),
        scaled.maxPositionEmbeddings(), scaled.rmsNormEps(), scaled.ropeTheta(), null, scaled.attentionBias(),
        scaled.mlpBias(), scaled.vocabSize(), 0.0, BackboneInit.RANDOM, null, null, null);
    assertThrows(org.opentest4j.AssertionFailedError.class, () -> assertMatches(fixture, plain, 3));
  }

  /** The backbone config a fixture's config.json implies, random init (weights are given to the graph). */
  static LlamaConfig config(HfLlamaConfig hf, int layers, LoraConfig lora) {
    return new LlamaConfig(hf.modelType(), hf.hiddenSize(), hf.intermediateSize(), hf.numHiddenLayers(), layers,
        hf.numAttentionHeads(), hf.numKeyValueHeads(), hf.headDim(), hf.maxPositionEmbeddings(), hf.rmsNormEps(),
        hf.ropeTheta(), hf.ropeScaling(), hf.outputBias(), hf.mlpBias(), hf.vocabSize(), 0.1, BackboneInit.RANDOM,
        null, lora == null ? null : List.of("all"), lora);
  }

  static void assertMatchesReference(Path fixture, int layers, LoraConfig lora) {
    assertMatches(fixture, config(HfLlamaConfig.read(fixture.resolve("config.json")), layers, lora), layers);
  }

  static void assertMatches(Path fixture, LlamaConfig config, int layers) {
    Map<String, float[]> weights = new HashMap<>();
    readAll(fixture.resolve("model.safetensors")).forEach((name, values) ->
        weights.put(name.startsWith("model.") ? name.substring("model.".length()) : name, values));
    float[] actual = run(config, new LoadedWeights(weights, fixture.toString()), inputs(fixture));
    assertClose(reference(fixture.resolve("reference.safetensors"), layers), actual);
  }

  static double[] reference(Path file, int layers) {
    try (SafetensorsFile reference = SafetensorsFile.open(file)) {
      return reference.readDoubles("last_hidden_state.layers" + layers);
    }
  }

  static void assertClose(double[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    double maxError = 0;
    for (int i = 0; i < actual.length; i++) {
      maxError = Math.max(maxError, Math.abs(actual[i] - expected[i]));
    }
    assertTrue(maxError < 1e-4, "max abs error " + maxError + " against the float64 reference");
  }

  static float[] inputs(Path fixture) {
    return readAll(fixture.resolve("inputs.safetensors")).get("inputs_embeds");
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

  /** Runs the graph in evaluation mode (dropout off, as in HuggingFace's eval()). */
  static float[] run(LlamaConfig config, BackboneWeights weights, float[] inputs) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      WindowShape shape = new WindowShape(TOKENS, 1, 1, 1, List.of("x"));
      ModelGraphContext context =
          ModelGraphContext.root(tf, shape, GraphInputs.create(tf), new ParameterRegistry(), 7).forSection("backbone");
      Operand<TFloat32> tokens =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, TOKENS, config.hiddenSize())));
      Operand<TFloat32> hidden = new LlamaGraph(context, config, weights).forward(tokens);
      return runGraph(graph, tokens, hidden, inputs, config.hiddenSize());
    }
  }

  static float[] runGraph(Graph graph, Operand<TFloat32> tokens, Operand<TFloat32> hidden, float[] inputs, int width) {
    try (Session session = new Session(graph)) {
      session.initialize();
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(BATCH, TOKENS, width), DataBuffers.of(inputs, true, false));
          Result result = session.runner().feed(tokens, x).fetch(hidden).run()) {
        float[] out = new float[inputs.length];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }
  }
}
