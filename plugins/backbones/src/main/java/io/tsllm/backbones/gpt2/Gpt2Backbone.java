package io.tsllm.backbones.gpt2;

import io.tsllm.spi.Backbone;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.ParameterRole;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** GPT-2 blocks exactly as HuggingFace's {@code GPT2Model} computes them, fed with feature tokens. */
public final class Gpt2Backbone implements Backbone<Gpt2Config> {

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
    return new Gpt2Graph(context, config, new RandomGpt2Weights(config.nLayer())).forward(tokens);
  }
}
