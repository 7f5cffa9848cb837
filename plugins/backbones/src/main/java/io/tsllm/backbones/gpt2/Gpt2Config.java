package io.tsllm.backbones.gpt2;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.PluginConfig;
import java.util.List;
import java.util.Set;

/**
 * Config of the {@code gpt2} backbone. Field names and defaults follow HuggingFace's {@code GPT2Config}, so a
 * model's {@code config.json} reads the same.
 *
 * @param nEmbd hidden width (768 for gpt2)
 * @param nHead attention heads; must divide {@code n_embd}
 * @param nLayer transformer blocks in the model
 * @param layers how many of the first blocks to use (GPT4TS: 6, SeisMoLLM: 3); defaults to {@code n_layer}
 * @param nPositions learned positions; tokens per sequence may not exceed it
 * @param layerNormEpsilon epsilon of every layer norm
 * @param activationFunction the MLP activation; {@code gelu_new} (GPT-2's tanh approximation)
 * @param embdPdrop dropout after adding position embeddings
 * @param attnPdrop dropout on attention probabilities
 * @param residPdrop dropout on each block's residual branches
 * @param init where weights come from: {@code random} (GPT-2's initialization scheme) or {@code pretrained}
 *     (read from {@code weights})
 * @param weights with {@code init: pretrained}: a folder written by {@code framework.jar convert}, a HuggingFace
 *     model folder, or a model id ({@code gpt2}, {@code openai-community/gpt2}) in the local HuggingFace cache
 * @param trainable which backbone weights train: groups {@code all}, {@code none}, {@code lora},
 *     {@code layernorm}, {@code wpe}, or the presets {@code gpt4ts} (layernorm + wpe) and {@code seismollm}
 *     (lora + layernorm + wpe, with SeisMoLLM's adapters unless {@code lora} is given); a string or a list.
 *     Default {@code all} for random weights, {@code gpt4ts} for pre-trained ones
 * @param lora low-rank adapters; absent means none
 */
public record Gpt2Config(
    Integer nEmbd,
    Integer nHead,
    Integer nLayer,
    Integer layers,
    Integer nPositions,
    Double layerNormEpsilon,
    String activationFunction,
    Double embdPdrop,
    Double attnPdrop,
    Double residPdrop,
    String init,
    String weights,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> trainable,
    LoraConfig lora)
    implements PluginConfig {

  static final List<String> ACTIVATIONS = List.of("gelu_new");
  static final List<String> INITS = List.of("random", "pretrained");

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
    init = init == null ? "random" : init;
    List<String> groups = trainable == null ? List.of("pretrained".equals(init) ? "gpt4ts" : "all") : trainable;
    if (groups.contains("seismollm") && lora == null) {
      lora = LoraConfig.SEISMOLLM;
    }
    trainable = TrainableGroups.expand(groups);
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
    problems.check(INITS.contains(init), "init", init, "one of " + INITS);
    if ("pretrained".equals(init)) {
      problems.checkPresent("weights", weights,
          "a converted folder, a HuggingFace model folder, or a model id in the HuggingFace cache");
    } else {
      problems.check(weights == null, "weights", weights, "no weights unless init is \"pretrained\"");
    }
    for (String group : trainable) {
      problems.check(TrainableGroups.GROUPS.containsKey(group), "trainable", group,
          "one of " + TrainableGroups.NAMES);
    }
    if (lora != null) {
      lora.validate((field, value, expected) -> problems.reject("lora." + field, value, expected));
    }
    boolean adaptersTrain = trainable.contains("lora") || trainable.contains("all");
    problems.check(lora != null || !trainable.contains("lora"), "trainable", trainable,
        "groups without 'lora' unless a 'lora' section configures the adapters");
    problems.check(lora == null || adaptersTrain, "lora", "(adapters)",
        "'lora' or 'all' among trainable: adapters that do not train stay zero");
  }

  /** The roles whose parameters train. */
  Set<ParameterRole> trainableRoles() {
    return TrainableGroups.roles(trainable);
  }

  private static void checkRate(ConfigProblems problems, String field, double rate) {
    problems.check(rate >= 0 && rate < 1, field, rate, "a dropout rate in [0, 1)");
  }

  int headDim() {
    return nEmbd / nHead;
  }
}
