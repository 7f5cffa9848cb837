package io.tsllm.backbones.gpt2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tsllm.backbones.common.BackboneInit;
import io.tsllm.backbones.common.CheckpointWeights;
import io.tsllm.backbones.common.PretrainedLocator;
import io.tsllm.backbones.common.ReferenceScriptTestSupport;
import io.tsllm.converters.bundle.BundleConverter;
import io.tsllm.converters.gpt2.ConvertedGpt2;
import io.tsllm.converters.gpt2.Gpt2Converter;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * HuggingFace checkpoints in every supported form, loaded by the gpt2 backbone, against the float64 reference
 * (the same fixture as {@link Gpt2ParityTest}, written out in each layout).
 */
class PretrainedGpt2Test {

  static final Path FIXTURE = Gpt2ParityTest.FIXTURE;

  @TempDir Path temp;

  Path hfFolder(Layout layout, TensorDType dtype, boolean prefixed) throws Exception {
    return Gpt2Fixtures.writeHfFolder(temp.resolve("hf"), FIXTURE.resolve("config.json"),
        Gpt2Fixtures.read(FIXTURE.resolve("model.safetensors")), layout, dtype, prefixed);
  }

  static Gpt2Config pretrained(String weights, int layers) {
    return new Gpt2Config(64, 4, 4, layers, 64, 1e-5, "gelu_new", 0.1, 0.1, 0.1, BackboneInit.PRETRAINED, weights, null,
        null);
  }

  @ParameterizedTest(name = "{0}, prefixed {1}, first {2} layers")
  @CsvSource({"SAFETENSORS, false, 4", "SAFETENSORS, true, 2", "SHARDED, true, 3", "PYTORCH_BIN, false, 4",
      "PYTORCH_BIN, true, 1"})
  void huggingFaceFolderLoadsToTheReferenceNumbers(Layout layout, boolean prefixed, int layers) throws Exception {
    Path folder = hfFolder(layout, TensorDType.F32, prefixed);
    float[] actual = encode(pretrained(folder.getFileName().toString(), layers), temp);
    assertClose(reference(FIXTURE.resolve("reference.safetensors"), layers), actual);
  }

  @Test
  void convertedFolderLoadsToTheReferenceNumbers() throws Exception {
    Path folder = hfFolder(Layout.SAFETENSORS, TensorDType.F32, true);
    new Gpt2Converter().convert(folder, temp.resolve("converted"), new BundleConverter.Options(2, false));
    float[] actual = encode(pretrained(temp.resolve("converted").toString(), 2), Path.of(""));
    assertClose(reference(FIXTURE.resolve("reference.safetensors"), 2), actual);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"F16", "BF16"})
  void halfPrecisionCheckpointsMatchTheReferenceOfTheirRoundedWeights(TensorDType dtype) throws Exception {
    assumeTrue(ReferenceScriptTestSupport.pythonWithNumpy(), "python3 with NumPy is not available");
    Path folder = hfFolder(Layout.SAFETENSORS, dtype, false);
    Path expected = ReferenceScriptTestSupport.compute(ReferenceScriptTestSupport.GPT2, folder.resolve("model.safetensors"),
        folder.resolve("config.json"), FIXTURE.resolve("inputs.safetensors"), 4, null, temp.resolve("ref.safetensors"));
    float[] actual = encode(pretrained(folder.toString(), 4), Path.of(""));
    assertClose(reference(expected, 4), actual);
  }

  @Test
  void modelIdsResolveInTheHuggingFaceCache() throws Exception {
    Path cache = temp.resolve("hub");
    Path snapshot = Files.createDirectories(cache.resolve("models--tiny-org--tiny-gpt2/snapshots/0123abc"));
    Files.createDirectories(cache.resolve("models--tiny-org--tiny-gpt2/refs"));
    Files.writeString(cache.resolve("models--tiny-org--tiny-gpt2/refs/main"), "0123abc");
    Gpt2Fixtures.writeHfFolder(snapshot.resolve("x"), FIXTURE.resolve("config.json"),
        Gpt2Fixtures.read(FIXTURE.resolve("model.safetensors")), Layout.SAFETENSORS, TensorDType.F32, true);
    try (var files = Files.list(snapshot.resolve("x"))) {
      for (Path f : files.toList()) {
        Files.move(f, snapshot.resolve(f.getFileName()));
      }
    }

    ConvertedGpt2 converted = new PretrainedLocator<>(new HfHubCache(cache), new Gpt2Family())
        .locate("tiny-org/tiny-gpt2", temp.resolve("tiny-org/tiny-gpt2"), 4, false);

    float[] actual = Gpt2ParityTest.run(pretrained("tiny-org/tiny-gpt2", 4), new CheckpointWeights(converted),
        inputs());
    assertClose(reference(FIXTURE.resolve("reference.safetensors"), 4), actual);
  }

  @Test
  void cacheLocationFollowsHuggingFacesEnvironmentVariables() {
    Path home = Path.of("/home/someone");
    assertEquals(Path.of("/x/hub-cache"),
        HfHubCache.fromEnvironment(Map.of("HF_HUB_CACHE", "/x/hub-cache", "HF_HOME", "/y"), home).root());
    assertEquals(Path.of("/y/hub"), HfHubCache.fromEnvironment(Map.of("HF_HOME", "/y"), home).root());
    assertEquals(home.resolve(".cache/huggingface/hub"), HfHubCache.fromEnvironment(Map.of(), home).root());
    // The legacy HUGGINGFACE_HUB_CACHE comes after HF_HUB_CACHE and before HF_HOME, as in huggingface_hub.
    assertEquals(Path.of("/legacy"),
        HfHubCache.fromEnvironment(Map.of("HUGGINGFACE_HUB_CACHE", "/legacy", "HF_HOME", "/y"), home).root());
    assertEquals(Path.of("/x/hub-cache"), HfHubCache.fromEnvironment(
        Map.of("HF_HUB_CACHE", "/x/hub-cache", "HUGGINGFACE_HUB_CACHE", "/legacy"), home).root());
    // XDG_CACHE_HOME moves the default, not an explicit HF_HOME; ~ is the home folder.
    assertEquals(Path.of("/xdg/huggingface/hub"),
        HfHubCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"), home).root());
    assertEquals(Path.of("/y/hub"),
        HfHubCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg", "HF_HOME", "/y"), home).root());
    assertEquals(home.resolve("models/hf/hub"), HfHubCache.fromEnvironment(Map.of("HF_HOME", "~/models/hf"), home)
        .root());
  }

  @Test
  void aMissingModelSaysWhereItLookedAndHowToGetIt() {
    DataException e = assertThrows(DataException.class, () -> new PretrainedLocator<>(new HfHubCache(temp), new Gpt2Family())
        .locate("gpt2", temp.resolve("gpt2"), 4, false));
    assertTrue(e.getMessage().contains(temp.resolve("models--gpt2").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("Nothing is downloaded"), e.getMessage());
  }

  @Test
  void aDamagedHuggingFaceFolderLeavesNoTemporaryFolderBehind() throws Exception {
    Path folder = hfFolder(Layout.SAFETENSORS, TensorDType.F32, false);
    Path weights = folder.resolve("model.safetensors");
    Files.write(weights, java.util.Arrays.copyOf(Files.readAllBytes(weights), 200));
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    java.util.function.Supplier<List<Path>> conversions = () -> {
      try (var list = Files.list(tmp)) {
        return list.filter(p -> p.getFileName().toString().startsWith("tsllm-converted-")).toList();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    List<Path> before = conversions.get();

    assertThrows(RuntimeException.class, () -> new PretrainedLocator<>(new HfHubCache(temp), new Gpt2Family())
        .locate(folder.toString(), folder, 4, false));

    assertEquals(before, conversions.get(), "the temporary conversion folder is removed at once");
  }

  @Test
  void settingsThatContradictTheCheckpointAreRefusedWithTheFix() throws Exception {
    Path folder = hfFolder(Layout.SAFETENSORS, TensorDType.F32, false);
    Gpt2Config wrong =
        new Gpt2Config(64, 8, 4, 4, 64, 1e-5, "gelu_new", 0.1, 0.1, 0.1, BackboneInit.PRETRAINED, folder.toString(),
            null, null);
    DataException e = assertThrows(DataException.class, () -> encode(wrong, Path.of("")));
    assertTrue(e.getMessage().contains("backbone.n_head is 8 but the checkpoint's is 4"), e.getMessage());
  }

  /** Runs the backbone plugin as the framework does, relative paths resolved from {@code base}. */
  static float[] encode(Gpt2Config config, Path base) {
    float[] inputs = inputs();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      WindowShape shape = new WindowShape(Gpt2ParityTest.TOKENS, 1, 1, 1, List.of("x"));
      ModelGraphContext context = ModelGraphContext.root(tf, shape, GraphInputs.create(tf), new ParameterRegistry(),
          7, base).forSection("backbone");
      Operand<TFloat32> tokens = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 64, 64)));
      Operand<TFloat32> hidden = new Gpt2Backbone().encode(context, config, tokens);
      try (Session session = new Session(graph)) {
        session.initialize();
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(2, 64, 64), DataBuffers.of(inputs, true, false));
            Result result = session.runner().feed(tokens, x).fetch(hidden).run()) {
          float[] out = new float[inputs.length];
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
          return out;
        }
      }
    }
  }

  static float[] inputs() {
    try (SafetensorsFile file = SafetensorsFile.open(FIXTURE.resolve("inputs.safetensors"))) {
      return file.readFloats("inputs_embeds");
    }
  }

  static double[] reference(Path file, int layers) {
    try (SafetensorsFile reference = SafetensorsFile.open(file)) {
      return reference.readDoubles("last_hidden_state.layers" + layers);
    }
  }

  static void assertClose(double[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    double max = 0;
    for (int i = 0; i < actual.length; i++) {
      max = Math.max(max, Math.abs(actual[i] - expected[i]));
    }
    assertTrue(max < 1e-4, "max abs error " + max);
  }
}
