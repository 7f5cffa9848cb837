package io.tsllm.backbones.gpt2;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.backbones.common.BackboneInit;
import io.tsllm.backbones.common.LoraConfig;
import io.tsllm.backbones.common.LoraTargets;
import io.tsllm.backbones.common.TrainableGroups;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.PluginConfig;
import java.util.List;
import java.util.Set;

/**
 * Config of the {@code gpt2} backbone. Field names and defaults follow HuggingFace's {@code GPT2Config}, so a
 * model's {@code config.json} reads the same.
 */
public record Gpt2Config(
    @JsonPropertyDescription("hidden width (768 for gpt2)")
    Integer nEmbd,
    @JsonPropertyDescription("attention heads; must divide n_embd")
    Integer nHead,
    @JsonPropertyDescription("transformer blocks in the model")
    Integer nLayer,
    @JsonPropertyDescription("how many of the first blocks to use (GPT4TS: 6, SeisMoLLM: 3); defaults to n_layer")
    Integer layers,
    @JsonPropertyDescription("learned positions; tokens per sequence may not exceed it")
    Integer nPositions,
    @JsonPropertyDescription("epsilon of every layer norm")
    Double layerNormEpsilon,
    @JsonPropertyDescription("the MLP activation; gelu_new (GPT-2's tanh approximation)")
    String activationFunction,
    @JsonPropertyDescription("dropout after adding position embeddings")
    Double embdPdrop,
    @JsonPropertyDescription("dropout on attention probabilities")
    Double attnPdrop,
    @JsonPropertyDescription("dropout on each block's residual branches")
    Double residPdrop,
    @JsonPropertyDescription("where weights come from: random (GPT-2's initialization scheme) or pretrained (read "
        + "from weights)")
    BackboneInit init,
    @JsonPropertyDescription("with init: pretrained: a folder written by framework.jar convert, a HuggingFace "
        + "model folder, or a model id (gpt2, openai-community/gpt2) in the local HuggingFace "
        + "cache")
    String weights,
    @JsonPropertyDescription("which backbone weights train: groups all, none, lora, layernorm, wpe, or the presets"
        + " gpt4ts (layernorm + wpe), seismollm (lora + layernorm + wpe, with SeisMoLLM's "
        + "adapters unless lora is given) and time-llm (none); a string or a list. Default all for random weights, "
        + "gpt4ts for pre-trained ones")
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> trainable,
    @JsonPropertyDescription("low-rank adapters; absent means none")
    LoraConfig lora)
    implements PluginConfig {

  static final List<String> ACTIVATIONS = List.of("gelu_new");

  public Gpt2Config {
    nEmbd = nEmbd == null ? 768 : nEmbd;
    nHead = nHead == null ? 12 : nHead;
    nLayer = nLayer == null ? 12 : nLayer;
    layers = layers == null ? nLayer : layers;
    nPositions = nPositions == null ? 1024 : nPositions;
    layerNormEpsilon = layerNormEpsilon == null ? 1e-5 : layerNormEpsilon;
    activationFunction = activationFunction == null ? "gelu_new" : activationFunction;
    embdPdrop = embdPdrop == null ? 0.1 : embdPdrop;
    attnPdrop = attnPdrop == null ? 0.1 : attnPdrop;
    residPdrop = residPdrop == null ? 0.1 : residPdrop;
    init = init == null ? BackboneInit.RANDOM : init;
    List<String> groups = trainable == null ? List.of(init == BackboneInit.PRETRAINED ? "gpt4ts" : "all") : trainable;
    if (groups.contains("seismollm") && lora == null) {
      lora = LoraConfig.SEISMOLLM;
    }
    trainable = TrainableGroups.GPT2.expand(groups);
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("n_embd", nEmbd);
    problems.checkPositive("n_head", nHead);
    if (nEmbd > 0 && nHead > 0) {
      problems.check(nEmbd % nHead == 0, "n_head", nHead, "a divisor of n_embd (" + nEmbd + ")");
    }
    problems.checkPositive("n_layer", nLayer);
    problems.check(layers >= 1 && layers <= nLayer, "layers", layers, "between 1 and n_layer (" + nLayer + ")");
    problems.checkPositive("n_positions", nPositions);
    problems.check(layerNormEpsilon > 0, "layer_norm_epsilon", layerNormEpsilon, "a number > 0");
    problems.check(
        ACTIVATIONS.contains(activationFunction), "activation_function", activationFunction, "one of " + ACTIVATIONS);
    checkRate(problems, "embd_pdrop", embdPdrop);
    checkRate(problems, "attn_pdrop", attnPdrop);
    checkRate(problems, "resid_pdrop", residPdrop);
    if (init == BackboneInit.PRETRAINED) {
      problems.checkPresent("weights", weights,
          "a converted folder, a HuggingFace model folder, or a model id in the HuggingFace cache");
    } else {
      problems.check(weights == null, "weights", weights, "no weights unless init is \"pretrained\"");
    }
    TrainableGroups.GPT2.validate(problems, trainable, lora, LoraTargets.GPT2);
  }

  /** The roles whose parameters train. */
  Set<ParameterRole> trainableRoles() {
    return TrainableGroups.GPT2.roles(trainable);
  }

  private static void checkRate(ConfigProblems problems, String field, double rate) {
    problems.check(rate >= 0 && rate < 1, field, rate, "a dropout rate in [0, 1)");
  }

  int headDim() {
    return nEmbd / nHead;
  }
}
