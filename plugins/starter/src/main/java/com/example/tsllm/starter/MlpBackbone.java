package com.example.tsllm.starter;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.Backbone;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.PluginConfig;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A backbone: a residual two-layer perceptron applied to each token on its own ({@code x + W2 relu(W1 x + b1) + b2}),
 * the smallest stand-in for a language model's blocks.
 */
public final class MlpBackbone implements Backbone<MlpBackbone.Config> {

  /** The backbone's config. */
  public record Config(
      @JsonPropertyDescription("token width; the embedder projects to it") Integer width,
      @JsonPropertyDescription("width of the hidden layer") Integer hidden) implements PluginConfig {

    public Config {
      width = width == null ? 32 : width;
      hidden = hidden == null ? 64 : hidden;
    }

    @Override
    public void validate(ConfigProblems problems) {
      problems.checkPositive("width", width);
      problems.checkPositive("hidden", hidden);
    }
  }

  @Override
  public String name() {
    return "starter-mlp";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public String description() {
    return "starter plugin: a residual per-token MLP";
  }

  @Override
  public int width(Config config) {
    return config.width();
  }

  @Override
  public Operand<TFloat32> encode(GraphContext context, Config config, Operand<TFloat32> tokens) {
    Ops tf = context.tf();
    int width = config.width();
    int hidden = config.hidden();
    var w1 = context.parameter("fc1.weight", ParameterRole.BACKBONE, Shape.of(width, hidden),
        Initializers.uniform((float) (1 / Math.sqrt(width))));
    var b1 = context.parameter("fc1.bias", ParameterRole.BACKBONE, Shape.of(hidden), Initializers.zeros());
    var w2 = context.parameter("fc2.weight", ParameterRole.BACKBONE, Shape.of(hidden, width),
        Initializers.uniform((float) (1 / Math.sqrt(hidden))));
    var b2 = context.parameter("fc2.bias", ParameterRole.BACKBONE, Shape.of(width), Initializers.zeros());
    Operand<TFloat32> flat = tf.reshape(tokens, tf.constant(new int[] {-1, width}));
    Operand<TFloat32> inner = tf.nn.relu(tf.math.add(tf.linalg.matMul(flat, w1), b1));
    Operand<TFloat32> out = tf.math.add(flat, tf.math.add(tf.linalg.matMul(inner, w2), b2));
    int count = (int) tokens.shape().get(1);
    return tf.reshape(out, tf.constant(new int[] {-1, count, width}));
  }
}
