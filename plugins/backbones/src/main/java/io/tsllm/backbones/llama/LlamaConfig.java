package io.tsllm.backbones.llama;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.backbones.common.BackboneInit;
import io.tsllm.backbones.common.LoraConfig;
import io.tsllm.backbones.common.LoraTargets;
import io.tsllm.backbones.common.TrainableGroups;
import io.tsllm.converters.llama.HfLlamaConfig;
import io.tsllm.converters.llama.RopeScaling;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.ParameterRole;
import java.util.List;
import java.util.Set;

/**
 * Config of the {@code llama} backbone. Field names and defaults follow HuggingFace's {@code LlamaConfig} (LLaMA-7B's
 * sizes), so a model's {@code config.json} reads the same; {@code model_type} qwen2 and mistral select those
 * families' differences (Qwen2's q/k/v biases).
 */
public record LlamaConfig(
    @JsonPropertyDescription("llama (also SmolLM, TinyLlama), qwen2 (q/k/v biases) or mistral")
    String modelType,
    @JsonPropertyDescription("hidden width (4096 for LLaMA-7B, 576 for SmolLM2-135M)")
    Integer hiddenSize,
    @JsonPropertyDescription("the SwiGLU MLP's inner width")
    Integer intermediateSize,
    @JsonPropertyDescription("transformer blocks in the model")
    Integer numHiddenLayers,
    @JsonPropertyDescription("how many of the first blocks to use; defaults to num_hidden_layers")
    Integer layers,
    @JsonPropertyDescription("query heads")
    Integer numAttentionHeads,
    @JsonPropertyDescription("key/value heads (grouped-query attention); defaults to num_attention_heads")
    Integer numKeyValueHeads,
    @JsonPropertyDescription("width of each head; defaults to hidden_size / num_attention_heads")
    Integer headDim,
    @JsonPropertyDescription("the context length the model was trained for (dynamic rope scaling starts past it)")
    Integer maxPositionEmbeddings,
    @JsonPropertyDescription("epsilon of every RMSNorm")
    Double rmsNormEps,
    @JsonPropertyDescription("the rotary embeddings' base")
    Double ropeTheta,
    @JsonPropertyDescription("rotary scaling as in config.json: rope_type linear, dynamic or llama3 with its factors;"
        + " absent means none")
    RopeScaling ropeScaling,
    @JsonPropertyDescription("biases on q/k/v/o (LLaMA's attention_bias; Qwen2 has q/k/v biases regardless)")
    Boolean attentionBias,
    @JsonPropertyDescription("biases on the MLP's projections")
    Boolean mlpBias,
    @JsonPropertyDescription("rows of the word embedding (with init: random; a checkpoint brings its own)")
    Integer vocabSize,
    @JsonPropertyDescription("dropout on attention probabilities (0 in every published LLaMA)")
    Double attentionDropout,
    @JsonPropertyDescription("where weights come from: random (HuggingFace's initialization, normal(0, 0.02)) or "
        + "pretrained (read from weights)")
    BackboneInit init,
    @JsonPropertyDescription("with init: pretrained: a folder written by framework.jar convert, a HuggingFace "
        + "model folder, or a model id in the local HuggingFace cache (HuggingFaceTB/SmolLM2-135M, "
        + "Qwen/Qwen2.5-0.5B, TinyLlama/TinyLlama-1.1B-Chat-v1.0)")
    String weights,
    @JsonPropertyDescription("which backbone weights train: groups all, none, lora, layernorm (the RMSNorm gains), "
        + "or the presets gpt4ts (layernorm), seismollm (lora + layernorm) and time-llm (none); a string or a "
        + "list. Default all for random weights, layernorm for pre-trained ones")
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> trainable,
    @JsonPropertyDescription("low-rank adapters with PEFT's module names; absent means none")
    LoraConfig lora)
    implements io.tsllm.spi.PluginConfig {

  public LlamaConfig {
    modelType = modelType == null ? "llama" : modelType;
    hiddenSize = hiddenSize == null ? 4096 : hiddenSize;
    intermediateSize = intermediateSize == null ? 11008 : intermediateSize;
    numHiddenLayers = numHiddenLayers == null ? 32 : numHiddenLayers;
    layers = layers == null ? numHiddenLayers : layers;
    numAttentionHeads = numAttentionHeads == null ? 32 : numAttentionHeads;
    numKeyValueHeads = numKeyValueHeads == null ? numAttentionHeads : numKeyValueHeads;
    headDim = headDim == null && numAttentionHeads > 0 ? Integer.valueOf(hiddenSize / numAttentionHeads) : headDim;
    maxPositionEmbeddings = maxPositionEmbeddings == null ? 2048 : maxPositionEmbeddings;
    rmsNormEps = rmsNormEps == null ? 1e-6 : rmsNormEps;
    ropeTheta = ropeTheta == null ? 10000.0 : ropeTheta;
    attentionBias = attentionBias != null && attentionBias;
    mlpBias = mlpBias != null && mlpBias;
    vocabSize = vocabSize == null ? 32000 : vocabSize;
    attentionDropout = attentionDropout == null ? 0.0 : attentionDropout;
    init = init == null ? BackboneInit.RANDOM : init;
    List<String> groups = trainable == null ? List.of(init == BackboneInit.PRETRAINED ? "layernorm" : "all") : trainable;
    if (groups.contains("seismollm") && lora == null) {
      lora = LoraConfig.SEISMOLLM;
    }
    trainable = TrainableGroups.LLAMA.expand(groups);
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(HfLlamaConfig.MODEL_TYPES.contains(modelType), "model_type", modelType,
        "one of " + HfLlamaConfig.MODEL_TYPES);
    problems.checkPositive("hidden_size", hiddenSize);
    problems.checkPositive("intermediate_size", intermediateSize);
    problems.checkPositive("num_hidden_layers", numHiddenLayers);
    problems.check(layers >= 1 && layers <= numHiddenLayers, "layers", layers,
        "between 1 and num_hidden_layers (" + numHiddenLayers + ")");
    problems.checkPositive("num_attention_heads", numAttentionHeads);
    problems.checkPositive("num_key_value_heads", numKeyValueHeads);
    if (numAttentionHeads > 0 && numKeyValueHeads > 0) {
      problems.check(numAttentionHeads % numKeyValueHeads == 0, "num_key_value_heads", numKeyValueHeads,
          "a divisor of num_attention_heads (" + numAttentionHeads + ")");
    }
    problems.check(headDim != null && headDim > 0 && headDim % 2 == 0, "head_dim", headDim,
        "an even number >= 2 (rotary embeddings rotate pairs); by default hidden_size / num_attention_heads");
    problems.checkPositive("max_position_embeddings", maxPositionEmbeddings);
    problems.check(rmsNormEps > 0, "rms_norm_eps", rmsNormEps, "a number > 0");
    problems.check(ropeTheta > 1, "rope_theta", ropeTheta, "a number > 1");
    if (ropeScaling != null) {
      for (String problem : ropeScaling.problems()) {
        int colon = problem.indexOf(':');
        problems.reject("rope_scaling." + problem.substring(0, colon), problem.substring(colon + 2),
            "see the llama backbone's rope_scaling fields");
      }
    }
    problems.checkPositive("vocab_size", vocabSize);
    problems.check(attentionDropout >= 0 && attentionDropout < 1, "attention_dropout", attentionDropout,
        "a dropout rate in [0, 1)");
    if (init == BackboneInit.PRETRAINED) {
      problems.checkPresent("weights", weights,
          "a converted folder, a HuggingFace model folder, or a model id in the HuggingFace cache");
    } else {
      problems.check(weights == null, "weights", weights, "no weights unless init is \"pretrained\"");
    }
    TrainableGroups.LLAMA.validate(problems, trainable, lora, LoraTargets.LLAMA);
  }

  Set<ParameterRole> trainableRoles() {
    return TrainableGroups.LLAMA.roles(trainable);
  }

  /** q/k/v biases: Qwen2 always, LLaMA with attention_bias. */
  boolean queryKeyValueBias() {
    return modelType.equals("qwen2") || attentionBias;
  }

  /** o_proj bias: LLaMA with attention_bias (Qwen2's o_proj has none). */
  boolean outputBias() {
    return !modelType.equals("qwen2") && attentionBias;
  }
}
