package io.tsllm.converters.gpt2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.converters.bundle.ModelLayout;
import io.tsllm.converters.hf.HfConfigJson;
import io.tsllm.converters.safetensors.CheckpointException;
import java.nio.file.Path;
import java.util.List;

/**
 * The fields of a HuggingFace GPT-2 {@code config.json} that decide the model's shape and numerics (names and
 * defaults as in {@code GPT2Config}).
 */
public record HfGpt2Config(
    int nEmbd, int nLayer, int nHead, int nPositions, double layerNormEpsilon, String activationFunction)
    implements ModelLayout {

  static final List<String> ACTIVATIONS = List.of("gelu_new");

  public static HfGpt2Config read(Path file) {
    JsonNode root = HfConfigJson.read(file);
    String modelType = root.path("model_type").asText("gpt2");
    if (!modelType.equals("gpt2")) {
      throw new CheckpointException(file, null, "model_type is '" + modelType + "'; only 'gpt2' is supported");
    }
    HfGpt2Config config = new HfGpt2Config(
        HfConfigJson.positive(file, root, "n_embd", 768),
        HfConfigJson.positive(file, root, "n_layer", 12),
        HfConfigJson.positive(file, root, "n_head", 12),
        HfConfigJson.positive(file, root, "n_positions", 1024),
        root.path("layer_norm_epsilon").asDouble(1e-5),
        root.path("activation_function").asText("gelu_new"));
    if (!ACTIVATIONS.contains(config.activationFunction())) {
      throw new CheckpointException(file, null, "activation_function '" + config.activationFunction()
          + "' is not supported (supported: " + ACTIVATIONS + ")");
    }
    if (config.nEmbd() % config.nHead() != 0) {
      throw new CheckpointException(file, null, "n_embd " + config.nEmbd() + " is not divisible by n_head "
          + config.nHead());
    }
    return config;
  }

  @Override
  public String format() {
    return ConvertedGpt2.FORMAT;
  }

  @Override
  public int layerCount() {
    return nLayer;
  }

  @Override
  public String wordEmbeddings() {
    return "wte.weight";
  }

  @Override
  public String shapeFields() {
    return "n_embd " + nEmbd + ", n_positions " + nPositions;
  }

  @Override
  public void describe(ObjectNode c) {
    c.put("n_embd", nEmbd);
    c.put("n_layer", nLayer);
    c.put("n_head", nHead);
    c.put("n_positions", nPositions);
    c.put("layer_norm_epsilon", layerNormEpsilon);
    c.put("activation_function", activationFunction);
  }

  /** The shape every GPT-2 tensor must have under this config, by name without the {@code transformer.} prefix. */
  @Override
  public long[] expectedShape(String name) {
    long d = nEmbd;
    if (name.equals("wte.weight")) {
      return new long[] {-1, d};  // vocabulary size is the checkpoint's business
    }
    if (name.equals("wpe.weight")) {
      return new long[] {nPositions, d};
    }
    if (name.startsWith("ln_f.")) {
      return new long[] {d};
    }
    String local = name.substring(name.indexOf('.', 2) + 1);
    return switch (local) {
      case "ln_1.weight", "ln_1.bias", "ln_2.weight", "ln_2.bias", "attn.c_proj.bias", "mlp.c_proj.bias" ->
          new long[] {d};
      case "attn.c_attn.weight" -> new long[] {d, 3 * d};
      case "attn.c_attn.bias" -> new long[] {3 * d};
      case "attn.c_proj.weight" -> new long[] {d, d};
      case "mlp.c_fc.weight" -> new long[] {d, 4 * d};
      case "mlp.c_fc.bias" -> new long[] {4 * d};
      case "mlp.c_proj.weight" -> new long[] {4 * d, d};
      default -> null;
    };
  }

  /** Names of the tensors the first {@code layers} blocks need, without the word embedding. */
  @Override
  public List<String> requiredTensors(int layers) {
    java.util.ArrayList<String> names = new java.util.ArrayList<>(List.of("wpe.weight", "ln_f.weight", "ln_f.bias"));
    for (int i = 0; i < layers; i++) {
      for (String local : List.of("ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias",
          "attn.c_proj.weight", "attn.c_proj.bias", "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias",
          "mlp.c_proj.weight", "mlp.c_proj.bias")) {
        names.add("h." + i + "." + local);
      }
    }
    return names;
  }
}
