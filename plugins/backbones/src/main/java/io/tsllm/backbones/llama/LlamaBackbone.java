package io.tsllm.backbones.llama;

import io.tsllm.backbones.common.BackboneInit;
import io.tsllm.backbones.common.BackboneWeights;
import io.tsllm.backbones.common.CheckpointFit;
import io.tsllm.backbones.common.CheckpointWeights;
import io.tsllm.backbones.common.PretrainedLocator;
import io.tsllm.backbones.common.WordEmbedding;
import io.tsllm.converters.llama.ConvertedLlama;
import io.tsllm.converters.llama.HfLlamaConfig;
import io.tsllm.converters.llama.RopeScaling;
import io.tsllm.spi.Backbone;
import io.tsllm.spi.DataException;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.HfHubCache;
import io.tsllm.spi.ParameterRole;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * LLaMA-family blocks (LLaMA, SmolLM, TinyLlama, Qwen2, Mistral) exactly as HuggingFace's {@code LlamaModel}
 * computes them, fed with feature tokens.
 */
public final class LlamaBackbone implements Backbone<LlamaConfig> {

  private final PretrainedLocator<ConvertedLlama> locator = new PretrainedLocator<>(
      HfHubCache.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home"))), new LlamaFamily());

  @Override
  public String name() {
    return "llama";
  }

  @Override
  public Class<LlamaConfig> configType() {
    return LlamaConfig.class;
  }

  @Override
  public String description() {
    return "LLaMA family (HuggingFace LlamaModel numerics; also Qwen2, Mistral, SmolLM): RMSNorm, rotary positions"
        + " with rope_scaling, grouped-query attention, SwiGLU";
  }

  @Override
  public int width(LlamaConfig config) {
    return config.hiddenSize();
  }

  @Override
  public Set<ParameterRole> trainableRoles(LlamaConfig config) {
    return config.trainableRoles();
  }

  @Override
  public Operand<TFloat32> encode(GraphContext context, LlamaConfig config, Operand<TFloat32> tokens) {
    int count = (int) tokens.shape().get(1);
    return new LlamaGraph(context, config, weights(context, config, false, count)).forward(tokens);
  }

  @Override
  public Optional<Operand<TFloat32>> wordEmbeddings(GraphContext context, LlamaConfig config) {
    return Optional.of(WordEmbedding.parameter(context, weights(context, config, true, 0), "embed_tokens.weight",
        config.vocabSize(), config.hiddenSize()));
  }

  /** @param tokensPerSequence what the blocks will attend over, checked against a sliding window; 0 if unknown */
  private BackboneWeights weights(GraphContext context, LlamaConfig config, boolean wordEmbeddings,
      int tokensPerSequence) {
    if (config.init() != BackboneInit.PRETRAINED) {
      return new RandomLlamaWeights();
    }
    ConvertedLlama converted =
        locator.locate(config.weights(), context.resolve(config.weights()), config.layers(), wordEmbeddings);
    checkAgainstCheckpoint(config, converted);
    checkWindow(converted, tokensPerSequence);
    return new CheckpointWeights(converted);
  }

  /**
   * The graph attends over every earlier token, which is what a sliding-window model (Mistral, Qwen2 with
   * {@code use_sliding_window}) computes only while a sequence fits in its window: longer ones are refused rather
   * than computed differently from HuggingFace.
   */
  private static void checkWindow(ConvertedLlama converted, int tokensPerSequence) {
    Integer window = converted.config().slidingWindow();
    if (window != null && tokensPerSequence > window) {
      throw new DataException(converted.folder(), null, "is a sliding-window model (sliding_window " + window
          + " tokens), and the experiment feeds " + tokensPerSequence + " tokens per sequence; the llama backbone"
          + " attends over the whole sequence, which equals the model's windowed attention only up to " + window
          + " tokens: feed at most " + window + " (fewer or longer patches, a shorter input or prompt)");
    }
  }

  /** The experiment's settings must be the checkpoint's; each difference is named with its fix. */
  private static void checkAgainstCheckpoint(LlamaConfig config, ConvertedLlama converted) {
    HfLlamaConfig stored = converted.config();
    new CheckpointFit(converted)
        .same("model_type", config.modelType(), stored.modelType())
        .same("hidden_size", config.hiddenSize(), stored.hiddenSize())
        .same("intermediate_size", config.intermediateSize(), stored.intermediateSize())
        .same("num_hidden_layers", config.numHiddenLayers(), stored.numHiddenLayers())
        .same("num_attention_heads", config.numAttentionHeads(), stored.numAttentionHeads())
        .same("num_key_value_heads", config.numKeyValueHeads(), stored.numKeyValueHeads())
        .same("head_dim", config.headDim(), stored.headDim())
        .same("max_position_embeddings", config.maxPositionEmbeddings(), stored.maxPositionEmbeddings())
        .same("rms_norm_eps", config.rmsNormEps(), stored.rmsNormEps())
        .same("rope_theta", config.ropeTheta(), stored.ropeTheta())
        .same("rope_scaling", describe(config.ropeScaling()), describe(stored.ropeScaling()))
        .same("attention_bias", config.outputBias() || config.queryKeyValueBias(),
            stored.outputBias() || stored.queryKeyValueBias())
        .same("mlp_bias", config.mlpBias(), stored.mlpBias())
        .layers(config.layers())
        .check();
  }

  private static String describe(RopeScaling scaling) {
    if (scaling == null || scaling.type().equals("default")) {
      return "none";
    }
    return "{rope_type " + scaling.type() + ", factor " + scaling.factor()
        + (scaling.type().equals("llama3") ? ", low_freq_factor " + scaling.lowFreqFactor() + ", high_freq_factor "
            + scaling.highFreqFactor() + ", original_max_position_embeddings "
            + scaling.originalMaxPositionEmbeddings() : "") + "}";
  }
}
