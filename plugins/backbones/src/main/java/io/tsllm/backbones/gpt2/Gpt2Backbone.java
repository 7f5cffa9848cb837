package io.tsllm.backbones.gpt2;

import io.tsllm.backbones.common.BackboneInit;
import io.tsllm.backbones.common.BackboneWeights;
import io.tsllm.backbones.common.CheckpointFit;
import io.tsllm.backbones.common.CheckpointWeights;
import io.tsllm.backbones.common.PretrainedLocator;
import io.tsllm.backbones.common.WordEmbedding;
import io.tsllm.converters.gpt2.ConvertedGpt2;
import io.tsllm.converters.gpt2.HfGpt2Config;
import io.tsllm.spi.Backbone;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.HfHubCache;
import io.tsllm.spi.ParameterRole;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** GPT-2 blocks exactly as HuggingFace's {@code GPT2Model} computes them, fed with feature tokens. */
public final class Gpt2Backbone implements Backbone<Gpt2Config> {

  /** GPT-2's vocabulary: the rows of a randomly initialized word embedding. */
  static final int VOCABULARY = 50257;

  private final PretrainedLocator<ConvertedGpt2> locator = new PretrainedLocator<>(
      HfHubCache.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home"))), new Gpt2Family());

  @Override
  public String name() {
    return "gpt2";
  }

  @Override
  public Class<Gpt2Config> configType() {
    return Gpt2Config.class;
  }

  @Override
  public String description() {
    return "GPT-2 (HuggingFace GPT2Model numerics): pre-LN blocks, causal attention, gelu_new, ln_f";
  }

  @Override
  public int width(Gpt2Config config) {
    return config.nEmbd();
  }

  @Override
  public Set<ParameterRole> trainableRoles(Gpt2Config config) {
    return config.trainableRoles();
  }

  @Override
  public void checkCompatible(Gpt2Config config, int tokenCount, ConfigProblems problems) {
    problems.check(
        tokenCount <= config.nPositions(),
        "n_positions",
        config.nPositions(),
        "at least the " + tokenCount + " tokens per sequence the embedder produces");
  }

  @Override
  public Operand<TFloat32> encode(GraphContext context, Gpt2Config config, Operand<TFloat32> tokens) {
    return new Gpt2Graph(context, config, weights(context, config, false)).forward(tokens);
  }

  @Override
  public Optional<Operand<TFloat32>> wordEmbeddings(GraphContext context, Gpt2Config config) {
    return Optional.of(
        WordEmbedding.parameter(context, weights(context, config, true), "wte.weight", VOCABULARY, config.nEmbd()));
  }

  private BackboneWeights weights(GraphContext context, Gpt2Config config, boolean wordEmbeddings) {
    if (config.init() != BackboneInit.PRETRAINED) {
      return new RandomGpt2Weights(config.nLayer());
    }
    ConvertedGpt2 converted =
        locator.locate(config.weights(), context.resolve(config.weights()), config.layers(), wordEmbeddings);
    checkAgainstCheckpoint(config, converted);
    return new CheckpointWeights(converted);
  }

  /** The experiment's GPT-2 settings must be the checkpoint's; each difference is named with its fix. */
  private static void checkAgainstCheckpoint(Gpt2Config config, ConvertedGpt2 converted) {
    HfGpt2Config stored = converted.config();
    new CheckpointFit(converted)
        .same("n_embd", config.nEmbd(), stored.nEmbd())
        .same("n_head", config.nHead(), stored.nHead())
        .same("n_layer", config.nLayer(), stored.nLayer())
        .same("n_positions", config.nPositions(), stored.nPositions())
        .same("layer_norm_epsilon", config.layerNormEpsilon(), stored.layerNormEpsilon())
        .layers(config.layers())
        .check();
  }

}
