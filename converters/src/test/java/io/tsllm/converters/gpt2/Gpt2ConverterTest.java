package io.tsllm.converters.gpt2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.converters.bundle.BundleConverter;
import io.tsllm.converters.safetensors.CheckpointException;
import io.tsllm.converters.safetensors.TensorDType;
import io.tsllm.converters.testing.Gpt2Fixtures.Layout;
import io.tsllm.converters.testing.Gpt2Fixtures.Tensor;
import io.tsllm.converters.testing.Gpt2Fixtures;
import io.tsllm.converters.testing.TorchCheckpointWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class Gpt2ConverterTest {

  static final HfGpt2Config CONFIG = new HfGpt2Config(16, 3, 2, 8, 1e-5, "gelu_new");

  @TempDir Path temp;
  Path configJson;
  Map<String, Tensor> weights;

  @BeforeEach
  void randomTinyGpt2() throws IOException {
    configJson = Files.writeString(temp.resolve("config.json"),
        "{\"model_type\": \"gpt2\", \"n_embd\": 16, \"n_layer\": 3, \"n_head\": 2, \"n_positions\": 8,"
            + " \"layer_norm_epsilon\": 1e-5, \"activation_function\": \"gelu_new\", \"vocab_size\": 50}");
    weights = new LinkedHashMap<>();
    int seed = 0;
    for (String name : CONFIG.requiredTensors(3)) {
      weights.put(name, Gpt2Fixtures.random(CONFIG.expectedShape(name), seed++));
    }
  }

  @ParameterizedTest(name = "{0} {1}, prefixed {2}")
  @CsvSource({
      "SAFETENSORS, F32, false", "SAFETENSORS, F32, true", "SHARDED, F32, true", "PYTORCH_BIN, F32, false",
      "PYTORCH_BIN, F32, true", "SAFETENSORS, F16, false", "SAFETENSORS, BF16, true", "PYTORCH_BIN, F16, true",
      "PYTORCH_BIN, BF16, false"})
  void everyLayoutConvertsToTheSameTensors(Layout layout, TensorDType dtype, boolean prefixed) throws Exception {
    Path source = Gpt2Fixtures.writeHfFolder(temp.resolve("hf"), configJson, weights, layout, dtype, prefixed);

    ConvertedGpt2 converted = new Gpt2Converter().convert(source, temp.resolve("out"), BundleConverter.Options.all());

    assertEquals(CONFIG.requiredTensors(3).size(), converted.shapes().size(), "no lm_head, buffers or wte");
    Map<String, float[]> bundle = readBundle(converted);
    for (String name : CONFIG.requiredTensors(3)) {
      float[] expected = roundTrip(weights.get(name).values(), dtype);
      assertArrayEquals(expected, bundle.get(name), name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "torch/gpt2-bin, pytorch_model.bin.json", "torch/gpt2-sharded, expected.json",
      "safetensors/gpt2-buffers, model.safetensors.json"})
  void checkpointsWrittenByTorchAndSafetensorsConvertToWhatTheyHeld(String fixture, String expectedJson)
      throws Exception {
    // torch.save (one file; three shards with their index) and the safetensors library, each with the mask
    // buffers real GPT-2 files carry (bool attn.bias, attn.masked_bias) and, for torch, lm_head tied to wte.
    Path source = Path.of("src/test/resources").resolve(fixture);
    JsonNode expected = new ObjectMapper().readTree(source.resolve(expectedJson).toFile());

    ConvertedGpt2 converted = new Gpt2Converter().convert(source, temp.resolve("out"),
        new BundleConverter.Options(null, true));

    Map<String, float[]> bundle = readBundle(converted);
    assertTrue(bundle.containsKey("wte.weight") && bundle.containsKey("ln_f.bias"), bundle.keySet().toString());
    for (Map.Entry<String, float[]> entry : bundle.entrySet()) {
      JsonNode stored = expected.has(entry.getKey()) ? expected.get(entry.getKey())
          : expected.get(HfGpt2Checkpoint.PREFIX + entry.getKey());
      float[] values = new float[stored.get("values").size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) stored.get("values").get(i).asDouble();
      }
      assertArrayEquals(values, entry.getValue(), entry.getKey());
    }
  }

  @Test
  void keepsOnlyTheFirstLayersAndLeavesOutWordEmbeddingsUnlessAsked() throws Exception {
    Path source = Gpt2Fixtures.writeHfFolder(temp.resolve("hf"), configJson, weights, Layout.SAFETENSORS,
        TensorDType.F32, true);

    ConvertedGpt2 two = new Gpt2Converter().convert(source, temp.resolve("two"), new BundleConverter.Options(2, false));
    ConvertedGpt2 withWte =
        new Gpt2Converter().convert(source, temp.resolve("wte"), new BundleConverter.Options(1, true));

    assertEquals(2, two.layers());
    assertTrue(two.shapes().containsKey("h.1.mlp.c_fc.weight"));
    assertFalse(two.shapes().containsKey("h.2.ln_1.weight"));
    assertFalse(two.shapes().containsKey("wte.weight"));
    assertArrayEquals(new long[] {50, 16}, withWte.shapes().get("wte.weight"));
    JsonNode manifest = new ObjectMapper().readTree(temp.resolve("two/manifest.json").toFile());
    assertEquals(64, manifest.at("/source_files/0/sha256").asText().length());
    assertEquals("transformer.h.0.ln_1.weight", manifest.at("/tensors/3/source_name").asText());
    assertEquals(16, manifest.at("/config/n_embd").asInt());
  }

  @Test
  void refusesAMissingTensorNamingIt() throws Exception {
    weights.remove("h.1.attn.c_proj.bias");
    Path source = Gpt2Fixtures.writeHfFolder(temp.resolve("hf"), configJson, weights, Layout.SAFETENSORS,
        TensorDType.F32, false);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> new Gpt2Converter().convert(source, temp.resolve("out"), BundleConverter.Options.all()));
    assertTrue(e.getMessage().contains("h.1.attn.c_proj.bias") && e.getMessage().contains("missing"), e.getMessage());
    assertNothingLeftBehind();
  }

  @Test
  void refusesAShapeThatContradictsConfigJson() throws Exception {
    weights.put("h.0.mlp.c_fc.weight", Gpt2Fixtures.random(new long[] {16, 32}, 1));
    Path source = Gpt2Fixtures.writeHfFolder(temp.resolve("hf"), configJson, weights, Layout.SAFETENSORS,
        TensorDType.F32, false);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> new Gpt2Converter().convert(source, temp.resolve("out"), BundleConverter.Options.all()));
    assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("h.0.mlp.c_fc.weight")
        && e.getMessage().contains("[16, 64]"), e.getMessage());
    assertNothingLeftBehind();
  }

  @Test
  void refusesAPickleThatReferencesAnythingButTensorStorage() throws Exception {
    Path source = Files.createDirectories(temp.resolve("hf"));
    Files.copy(configJson, source.resolve("config.json"));
    byte[] hostile = new TorchCheckpointWriter.Pickle().op(0x80).op(2).global("os", "system").unicode("echo pwned")
        .op(0x85).op('R').op('.').bytes();
    TorchCheckpointWriter.write(source.resolve("pytorch_model.bin"), hostile, Map.of(), TensorDType.F32);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> new Gpt2Converter().convert(source, temp.resolve("out"), BundleConverter.Options.all()));
    assertTrue(e.getMessage().contains("pytorch_model.bin") && e.getMessage().contains("'os.system'"),
        e.getMessage());
    assertNothingLeftBehind();
  }

  @Test
  void refusesUnsupportedActivation() throws Exception {
    Files.writeString(configJson, Files.readString(configJson).replace("gelu_new", "relu"));
    Path source = Gpt2Fixtures.writeHfFolder(temp.resolve("hf"), configJson, weights, Layout.SAFETENSORS,
        TensorDType.F32, false);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> new Gpt2Converter().convert(source, temp.resolve("out"), BundleConverter.Options.all()));
    assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("relu"), e.getMessage());
  }

  @Test
  void refusesToWriteIntoANonEmptyFolder() throws Exception {
    Path source = Gpt2Fixtures.writeHfFolder(temp.resolve("hf"), configJson, weights, Layout.SAFETENSORS,
        TensorDType.F32, false);
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.writeString(out.resolve("precious.txt"), "keep me");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> new Gpt2Converter().convert(source, out, BundleConverter.Options.all()));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals("keep me", Files.readString(out.resolve("precious.txt")));
  }

  private void assertNothingLeftBehind() throws IOException {
    assertFalse(Files.exists(temp.resolve("out")), "no output folder after a failed conversion");
    try (Stream<Path> entries = Files.list(temp)) {
      assertTrue(entries.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary folder");
    }
  }

  private static float[] roundTrip(float[] values, TensorDType dtype) {
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(dtype.encode(values)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (dtype) {
        case F32 -> bytes.getFloat(i * 4);
        case F64 -> (float) bytes.getDouble(i * 8);
        case F16 -> io.tsllm.converters.safetensors.HalfPrecision.toFloat(bytes.getShort(i * 2));
        case BF16 -> Float.intBitsToFloat((bytes.getShort(i * 2) & 0xffff) << 16);
        default -> throw new IllegalArgumentException(dtype + " is not a weight type");
      };
    }
    return out;
  }

  /** Reads a converted bundle back with TensorFlow's own restore, as any TensorFlow program would. */
  static Map<String, float[]> readBundle(ConvertedGpt2 converted) {
    Map<String, float[]> values = new LinkedHashMap<>();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
      converted.shapes().forEach((name, shape) ->
          variables.put(name, tf.withName(name).variable(Shape.of(shape), TFloat32.class)));
      try (Session session = new Session(graph)) {
        session.restore(converted.checkpointPrefix().toString());
        for (Map.Entry<String, Variable<TFloat32>> e : variables.entrySet()) {
          try (Result result = session.runner().fetch(e.getValue()).run()) {
            TFloat32 t = (TFloat32) result.get(0);
            float[] out = new float[(int) t.size()];
            t.copyTo(DataBuffers.of(out, false, false));
            values.put(e.getKey(), out);
          }
        }
      }
    }
    return values;
  }
}
