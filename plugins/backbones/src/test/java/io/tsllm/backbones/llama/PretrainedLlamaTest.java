package io.tsllm.backbones.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tsllm.backbones.common.BackboneInit;
import io.tsllm.backbones.common.CheckpointWeights;
import io.tsllm.backbones.common.PretrainedLocator;
import io.tsllm.backbones.common.ReferenceScriptTestSupport;
import io.tsllm.converters.bundle.BundleConverter;
import io.tsllm.converters.llama.ConvertedLlama;
import io.tsllm.converters.llama.HfLlamaConfig;
import io.tsllm.converters.llama.LlamaConverter;
import io.tsllm.converters.safetensors.CheckpointException;
import io.tsllm.converters.safetensors.SafetensorsFile;
import io.tsllm.converters.safetensors.TensorDType;
import io.tsllm.converters.testing.Gpt2Fixtures.Layout;
import io.tsllm.converters.testing.Gpt2Fixtures;
import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.DataException;
import io.tsllm.spi.HfHubCache;
import io.tsllm.spi.WindowShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * LLaMA-family HuggingFace folders in every form the converter reads (single and sharded safetensors,
 * pytorch_model.bin; F32, F16, BF16), loaded by the llama backbone as the framework does, against the float64
 * reference; and the refusals.
 */
class PretrainedLlamaTest {

  static final Path GQA = LlamaParityTest.RESOURCES.resolve("llama-reference");
  static final Path QWEN2 = LlamaParityTest.RESOURCES.resolve("qwen2-reference");

  @TempDir Path temp;
  private int folders;

  Path hfFolder(Path fixture, Layout layout, TensorDType dtype) throws Exception {
    // The fixture's names are LlamaForCausalLM's (model. prefix, lm_head), as save_pretrained writes them.
    return Gpt2Fixtures.writeHfFolder(temp.resolve("hf-" + layout + "-" + dtype + "-" + folders++), fixture.resolve("config.json"),
        Gpt2Fixtures.read(fixture.resolve("model.safetensors")), layout, dtype, false);
  }

  static LlamaConfig pretrained(Path fixture, String weights, int layers) {
    HfLlamaConfig hf = HfLlamaConfig.read(fixture.resolve("config.json"));
    return new LlamaConfig(hf.modelType(), hf.hiddenSize(), hf.intermediateSize(), hf.numHiddenLayers(), layers,
        hf.numAttentionHeads(), hf.numKeyValueHeads(), hf.headDim(), hf.maxPositionEmbeddings(), hf.rmsNormEps(),
        hf.ropeTheta(), hf.ropeScaling(), hf.outputBias(), hf.mlpBias(), null, null, BackboneInit.PRETRAINED,
        weights, null, null);
  }

  @ParameterizedTest(name = "{0} {1}, first {2} layers")
  @CsvSource({"llama-reference, SAFETENSORS, 3", "llama-reference, SHARDED, 2", "llama-reference, PYTORCH_BIN, 3",
      "qwen2-reference, SAFETENSORS, 3", "qwen2-reference, PYTORCH_BIN, 1"})
  void huggingFaceFolderLoadsToTheReferenceNumbers(String name, Layout layout, int layers) throws Exception {
    Path fixture = LlamaParityTest.RESOURCES.resolve(name);
    Path folder = hfFolder(fixture, layout, TensorDType.F32);
    float[] actual = encode(pretrained(fixture, folder.getFileName().toString(), layers), fixture, temp);
    LlamaParityTest.assertClose(LlamaParityTest.reference(fixture.resolve("reference.safetensors"), layers), actual);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"BF16, SAFETENSORS", "BF16, SHARDED", "F16, SAFETENSORS", "BF16, PYTORCH_BIN"})
  void halfPrecisionCheckpointsMatchTheReferenceOfTheirRoundedWeights(TensorDType dtype, Layout layout)
      throws Exception {
    assumeTrue(ReferenceScriptTestSupport.pythonWithNumpy(), "python3 with NumPy is not available");
    Path folder = hfFolder(GQA, layout, dtype);
    // The reference of the rounded weights, as stored: written once more as single-file safetensors for the script.
    Path rounded = Gpt2Fixtures.writeHfFolder(temp.resolve("rounded"), GQA.resolve("config.json"),
        Gpt2Fixtures.read(hfFolder(GQA, Layout.SAFETENSORS, dtype).resolve("model.safetensors")),
        Layout.SAFETENSORS, TensorDType.F32, false);
    Path expected = ReferenceScriptTestSupport.compute(ReferenceScriptTestSupport.LLAMA,
        rounded.resolve("model.safetensors"), GQA.resolve("config.json"), GQA.resolve("inputs.safetensors"), 3, null,
        temp.resolve("ref.safetensors"));
    float[] actual = encode(pretrained(GQA, folder.toString(), 3), GQA, Path.of(""));
    LlamaParityTest.assertClose(LlamaParityTest.reference(expected, 3), actual);
    float[] full = encode(pretrained(GQA, hfFolder(GQA, Layout.SAFETENSORS, TensorDType.F32).toString(), 3), GQA,
        Path.of(""));
    assertFalse(Arrays.equals(full, actual), "rounding to " + dtype + " must show in the outputs");
  }

  @Test
  void convertedFolderKeepsWhatTheLayersNeedAndTheWordEmbeddingOnRequest() throws Exception {
    Path folder = hfFolder(GQA, Layout.SAFETENSORS, TensorDType.BF16);
    ConvertedLlama two = new LlamaConverter().convert(folder, temp.resolve("two"), new BundleConverter.Options(2, false));
    ConvertedLlama embeddings =
        new LlamaConverter().convert(folder, temp.resolve("emb"), new BundleConverter.Options(null, true));

    assertEquals(2, two.layers());
    assertEquals(1 + 2 * 9, two.shapes().size(), "norm + 9 tensors per block (no biases in this model)");
    assertFalse(two.shapes().containsKey("layers.2.input_layernorm.weight"));
    assertFalse(two.shapes().containsKey("embed_tokens.weight"));
    assertArrayEquals(new long[] {96, 64}, embeddings.shapes().get("embed_tokens.weight"));
    assertEquals("llama", embeddings.config().modelType());
    assertEquals(2, embeddings.config().numKeyValueHeads());
    String manifest = Files.readString(temp.resolve("emb/manifest.json"));
    assertTrue(manifest.contains("\"source_dtype\" : \"BF16\""), manifest);
    assertTrue(manifest.contains("\"source_name\" : \"model.layers.0.self_attn.q_proj.weight\""), manifest);
    float[] actual = encode(pretrained(GQA, temp.resolve("two").toString(), 2), GQA, Path.of(""));
    assertEquals(LlamaParityTest.reference(GQA.resolve("reference.safetensors"), 2).length, actual.length);
  }

  @Test
  void modelIdsResolveInTheHuggingFaceCache() throws Exception {
    Path cache = temp.resolve("hub");
    Path snapshot = Files.createDirectories(cache.resolve("models--Qwen--Qwen-tiny/snapshots/0123abc"));
    Files.createDirectories(cache.resolve("models--Qwen--Qwen-tiny/refs"));
    Files.writeString(cache.resolve("models--Qwen--Qwen-tiny/refs/main"), "0123abc");
    Path hf = hfFolder(QWEN2, Layout.SHARDED, TensorDType.F32);
    try (var files = Files.list(hf)) {
      for (Path f : files.toList()) {
        Files.move(f, snapshot.resolve(f.getFileName()));
      }
    }

    ConvertedLlama converted = new PretrainedLocator<>(new HfHubCache(cache), new LlamaFamily())
        .locate("Qwen/Qwen-tiny", temp.resolve("Qwen/Qwen-tiny"), 3, false);

    float[] actual = LlamaParityTest.run(pretrained(QWEN2, "Qwen/Qwen-tiny", 3), new CheckpointWeights(converted),
        LlamaParityTest.inputs(QWEN2));
    LlamaParityTest.assertClose(LlamaParityTest.reference(QWEN2.resolve("reference.safetensors"), 3), actual);
  }

  @Test
  void settingsThatContradictTheCheckpointAreRefusedWithTheFix() throws Exception {
    Path folder = hfFolder(GQA, Layout.SAFETENSORS, TensorDType.F32);
    LlamaConfig right = pretrained(GQA, folder.toString(), 3);
    LlamaConfig wrong = new LlamaConfig(right.modelType(), right.hiddenSize(), right.intermediateSize(),
        right.numHiddenLayers(), 3, right.numAttentionHeads(), 4, right.headDim(), right.maxPositionEmbeddings(),
        right.rmsNormEps(), 500000.0, null, false, false, null, null, BackboneInit.PRETRAINED, folder.toString(), null,
        null);
    DataException e = assertThrows(DataException.class, () -> encode(wrong, GQA, Path.of("")));
    assertTrue(e.getMessage().contains("backbone.num_key_value_heads is 4 but the checkpoint's is 2"), e.getMessage());
    assertTrue(e.getMessage().contains("backbone.rope_theta is 500000.0 but the checkpoint's is 10000.0"),
        e.getMessage());
  }

  @Test
  void sequencesLongerThanASlidingWindowAreRefusedAndShorterOnesLoad() throws Exception {
    Path narrow = slidingWindowFolder(LlamaParityTest.TOKENS - 1);
    DataException e = assertThrows(DataException.class,
        () -> encode(pretrained(QWEN2, narrow.toString(), 3), QWEN2, Path.of("")));
    assertTrue(e.getMessage().contains("sliding_window " + (LlamaParityTest.TOKENS - 1) + " tokens")
        && e.getMessage().contains("feeds " + LlamaParityTest.TOKENS + " tokens per sequence"), e.getMessage());

    Path wide = slidingWindowFolder(LlamaParityTest.TOKENS);
    LlamaParityTest.assertClose(LlamaParityTest.reference(QWEN2.resolve("reference.safetensors"), 3),
        encode(pretrained(QWEN2, wide.toString(), 3), QWEN2, Path.of("")));
  }

  /** The Qwen2 fixture with its sliding window turned on, as Qwen2's config.json does it. */
  private Path slidingWindowFolder(int window) throws Exception {
    Path folder = hfFolder(QWEN2, Layout.SAFETENSORS, TensorDType.F32);
    Files.writeString(folder.resolve("config.json"), Files.readString(folder.resolve("config.json"))
        .replace("\"model_type\": \"qwen2\",", "\"model_type\": \"qwen2\", \"use_sliding_window\": true,"
            + " \"sliding_window\": " + window + ","));
    return folder;
  }

  @Test
  void corruptedAndForeignFoldersAreRefusedByName() throws Exception {
    Path truncated = hfFolder(GQA, Layout.SAFETENSORS, TensorDType.BF16);
    Path weights = truncated.resolve("model.safetensors");
    Files.write(weights, Arrays.copyOf(Files.readAllBytes(weights), 300));
    CheckpointException damaged = assertThrows(CheckpointException.class,
        () -> new LlamaConverter().convert(truncated, temp.resolve("out"), BundleConverter.Options.all()));
    assertTrue(damaged.getMessage().contains("model.safetensors"), damaged.getMessage());
    assertFalse(Files.exists(temp.resolve("out")), "nothing is left at the output");

    Path gpt2 = hfFolder(GQA, Layout.PYTORCH_BIN, TensorDType.F32);
    Files.writeString(gpt2.resolve("config.json"), "{\"model_type\": \"gpt2\", \"n_embd\": 64}");
    CheckpointException foreign = assertThrows(CheckpointException.class,
        () -> new LlamaConverter().convert(gpt2, temp.resolve("out"), BundleConverter.Options.all()));
    assertTrue(foreign.getMessage().contains("use the gpt2 backbone"), foreign.getMessage());

    Path yarn = hfFolder(QWEN2, Layout.SAFETENSORS, TensorDType.F32);
    String config = Files.readString(yarn.resolve("config.json"));
    Files.writeString(yarn.resolve("config.json"), config.replace("\"dynamic\"", "\"yarn\""));
    CheckpointException scaling = assertThrows(CheckpointException.class,
        () -> new LlamaConverter().convert(yarn, temp.resolve("out"), BundleConverter.Options.all()));
    assertTrue(scaling.getMessage().contains("rope_scaling.rope_type: 'yarn' is not supported"), scaling.getMessage());

    Path shapes = hfFolder(GQA, Layout.SAFETENSORS, TensorDType.F32);
    Files.writeString(shapes.resolve("config.json"),
        Files.readString(shapes.resolve("config.json")).replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 4"));
    CheckpointException shape = assertThrows(CheckpointException.class,
        () -> new LlamaConverter().convert(shapes, temp.resolve("out"), BundleConverter.Options.all()));
    assertTrue(shape.getMessage().contains("k_proj.weight") && shape.getMessage().contains("[32, 64]")
        && shape.getMessage().contains("[64, 64]"), shape.getMessage());
  }

  /** Runs the backbone plugin as the framework does, relative paths resolved from {@code base}. */
  static float[] encode(LlamaConfig config, Path fixture, Path base) {
    float[] inputs = LlamaParityTest.inputs(fixture);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      WindowShape shape = new WindowShape(LlamaParityTest.TOKENS, 1, 1, 1, List.of("x"));
      ModelGraphContext context = ModelGraphContext.root(tf, shape, GraphInputs.create(tf), new ParameterRegistry(),
          7, base).forSection("backbone");
      Operand<TFloat32> tokens = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, LlamaParityTest.TOKENS, config.hiddenSize())));
      Operand<TFloat32> hidden = new LlamaBackbone().encode(context, config, tokens);
      return LlamaParityTest.runGraph(graph, tokens, hidden, inputs, config.hiddenSize());
    }
  }
}
