package io.tsllm.converters.llama;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.converters.bundle.ModelLayout;
import io.tsllm.converters.hf.HfConfigJson;
import io.tsllm.converters.safetensors.CheckpointException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a LLaMA-family {@code config.json} (HuggingFace's {@code LlamaConfig}, {@code Qwen2Config},
 * {@code MistralConfig}) that decide the model's shapes and numerics, with their defaults.
 *
 * @param queryKeyValueBias q/k/v projections have biases (Qwen2 always; LLaMA with {@code attention_bias})
 * @param outputBias o_proj has a bias (LLaMA with {@code attention_bias})
 * @param slidingWindow Mistral's (or Qwen2's, when used) attention window; null when attention is not windowed
 */
public record HfLlamaConfig(String modelType, int hiddenSize, int intermediateSize, int numHiddenLayers,
    int numAttentionHeads, int numKeyValueHeads, int headDim, int maxPositionEmbeddings, double rmsNormEps,
    double ropeTheta, RopeScaling ropeScaling, boolean queryKeyValueBias, boolean outputBias, boolean mlpBias,
    int vocabSize, boolean tieWordEmbeddings, Integer slidingWindow) implements ModelLayout {

  public static final List<String> MODEL_TYPES = List.of("llama", "qwen2", "mistral");
  public static final String FORMAT = "tsllm-llama";

  public static HfLlamaConfig read(Path file) {
    JsonNode root = HfConfigJson.read(file);
    String modelType = root.path("model_type").asText("");
    if (!MODEL_TYPES.contains(modelType)) {
      throw new CheckpointException(file, null, "model_type is '" + modelType + "'; the llama backbone reads "
          + MODEL_TYPES + (modelType.equals("gpt2") ? " (use the gpt2 backbone for GPT-2)" : ""));
    }
    String act = root.path("hidden_act").asText("silu");
    if (!act.equals("silu")) {
      throw new CheckpointException(file, null, "hidden_act '" + act + "' is not supported (supported: silu)");
    }
    if (root.has("partial_rotary_factor") && root.get("partial_rotary_factor").asDouble() != 1.0) {
      throw new CheckpointException(file, null, "partial_rotary_factor " + root.get("partial_rotary_factor")
          + " is not supported (rotary embeddings on the whole head only)");
    }
    int hidden = HfConfigJson.positive(file, root, "hidden_size", 4096);
    int heads = HfConfigJson.positive(file, root, "num_attention_heads", 32);
    int kvHeads = HfConfigJson.positive(file, root, "num_key_value_heads", heads);
    int headDim = HfConfigJson.positive(file, root, "head_dim", hidden / heads);
    if (!root.has("head_dim") && hidden % heads != 0) {
      throw new CheckpointException(file, null, "hidden_size " + hidden + " is not divisible by num_attention_heads "
          + heads + " and no head_dim is given");
    }
    if (heads % kvHeads != 0) {
      throw new CheckpointException(file, null, "num_attention_heads " + heads
          + " is not a multiple of num_key_value_heads " + kvHeads);
    }
    if (headDim % 2 != 0) {
      throw new CheckpointException(file, null, "head_dim " + headDim + " is odd; rotary embeddings need it even");
    }
    RopeScaling scaling = ropeScaling(file, root.get("rope_scaling"));
    boolean qwen2 = modelType.equals("qwen2");
    boolean attentionBias = root.path("attention_bias").asBoolean(false);
    Integer window = null;
    JsonNode slidingNode = root.get("sliding_window");
    boolean windowed = modelType.equals("mistral") || root.path("use_sliding_window").asBoolean(false);
    if (windowed && slidingNode != null && slidingNode.isIntegralNumber()) {
      window = slidingNode.asInt();
    }
    return new HfLlamaConfig(modelType, hidden, HfConfigJson.positive(file, root, "intermediate_size", 11008),
        HfConfigJson.positive(file, root, "num_hidden_layers", 32), heads, kvHeads, headDim,
        HfConfigJson.positive(file, root, "max_position_embeddings", 2048), root.path("rms_norm_eps").asDouble(1e-6),
        root.path("rope_theta").asDouble(10000.0), scaling, qwen2 || attentionBias, !qwen2 && attentionBias,
        root.path("mlp_bias").asBoolean(false), HfConfigJson.positive(file, root, "vocab_size", 32000),
        root.path("tie_word_embeddings").asBoolean(false), window);
  }

  private static RopeScaling ropeScaling(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    RopeScaling scaling;
    try {
      scaling = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .treeToValue(node, RopeScaling.class);
    } catch (IOException e) {
      throw new CheckpointException(file, null, "rope_scaling " + node + " cannot be read: " + e.getMessage(), e);
    }
    List<String> problems = scaling.problems();
    if (!problems.isEmpty()) {
      throw new CheckpointException(file, null, "rope_scaling." + String.join("; rope_scaling.", problems));
    }
    return scaling;
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public int layerCount() {
    return numHiddenLayers;
  }

  @Override
  public String wordEmbeddings() {
    return "embed_tokens.weight";
  }

  @Override
  public String shapeFields() {
    return "hidden_size " + hiddenSize + ", intermediate_size " + intermediateSize + ", num_attention_heads "
        + numAttentionHeads + ", num_key_value_heads " + numKeyValueHeads + ", head_dim " + headDim;
  }

  @Override
  public void describe(ObjectNode c) {
    c.put("model_type", modelType);
    c.put("hidden_size", hiddenSize);
    c.put("intermediate_size", intermediateSize);
    c.put("num_hidden_layers", numHiddenLayers);
    c.put("num_attention_heads", numAttentionHeads);
    c.put("num_key_value_heads", numKeyValueHeads);
    c.put("head_dim", headDim);
    c.put("max_position_embeddings", maxPositionEmbeddings);
    c.put("rms_norm_eps", rmsNormEps);
    c.put("rope_theta", ropeTheta);
    c.set("rope_scaling", new ObjectMapper().valueToTree(ropeScaling));
    c.put("query_key_value_bias", queryKeyValueBias);
    c.put("output_bias", outputBias);
    c.put("mlp_bias", mlpBias);
    c.put("vocab_size", vocabSize);
    c.put("tie_word_embeddings", tieWordEmbeddings);
    if (slidingWindow != null) {
      c.put("sliding_window", slidingWindow);
    }
  }

  /** Reads back what {@link #describe} wrote. */
  static HfLlamaConfig fromManifest(JsonNode c) throws IOException {
    JsonNode scaling = c.get("rope_scaling");
    return new HfLlamaConfig(c.path("model_type").asText(), c.path("hidden_size").asInt(),
        c.path("intermediate_size").asInt(), c.path("num_hidden_layers").asInt(),
        c.path("num_attention_heads").asInt(), c.path("num_key_value_heads").asInt(), c.path("head_dim").asInt(),
        c.path("max_position_embeddings").asInt(), c.path("rms_norm_eps").asDouble(), c.path("rope_theta").asDouble(),
        scaling == null || scaling.isNull() ? null : new ObjectMapper().treeToValue(scaling, RopeScaling.class),
        c.path("query_key_value_bias").asBoolean(), c.path("output_bias").asBoolean(), c.path("mlp_bias").asBoolean(),
        c.path("vocab_size").asInt(), c.path("tie_word_embeddings").asBoolean(),
        c.hasNonNull("sliding_window") ? c.get("sliding_window").asInt() : null);
  }

  @Override
  public long[] expectedShape(String name) {
    long d = hiddenSize;
    long q = (long) numAttentionHeads * headDim;
    long kv = (long) numKeyValueHeads * headDim;
    long inner = intermediateSize;
    if (name.equals("embed_tokens.weight")) {
      return new long[] {-1, d};
    }
    if (name.equals("norm.weight")) {
      return new long[] {d};
    }
    String local = name.substring(name.indexOf('.', "layers.".length()) + 1);
    return switch (local) {
      case "input_layernorm.weight", "post_attention_layernorm.weight", "self_attn.o_proj.bias",
          "mlp.down_proj.bias" -> new long[] {d};
      case "self_attn.q_proj.weight" -> new long[] {q, d};
      case "self_attn.q_proj.bias" -> new long[] {q};
      case "self_attn.k_proj.weight", "self_attn.v_proj.weight" -> new long[] {kv, d};
      case "self_attn.k_proj.bias", "self_attn.v_proj.bias" -> new long[] {kv};
      case "self_attn.o_proj.weight" -> new long[] {d, q};
      case "mlp.gate_proj.weight", "mlp.up_proj.weight" -> new long[] {inner, d};
      case "mlp.gate_proj.bias", "mlp.up_proj.bias" -> new long[] {inner};
      case "mlp.down_proj.weight" -> new long[] {d, inner};
      default -> null;
    };
  }

  @Override
  public List<String> requiredTensors(int layers) {
    List<String> names = new ArrayList<>(List.of("norm.weight"));
    for (int i = 0; i < layers; i++) {
      String p = "layers." + i + ".";
      names.add(p + "input_layernorm.weight");
      for (String proj : List.of("q_proj", "k_proj", "v_proj", "o_proj")) {
        names.add(p + "self_attn." + proj + ".weight");
        boolean bias = proj.equals("o_proj") ? outputBias : queryKeyValueBias;
        if (bias) {
          names.add(p + "self_attn." + proj + ".bias");
        }
      }
      names.add(p + "post_attention_layernorm.weight");
      for (String proj : List.of("gate_proj", "up_proj", "down_proj")) {
        names.add(p + "mlp." + proj + ".weight");
        if (mlpBias) {
          names.add(p + "mlp." + proj + ".bias");
        }
      }
    }
    return names;
  }
}
