package com.example.tsllm.starter;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An embedder: every time step becomes one token, a linear map of the step's channels to the backbone's width. A
 * sequence holds all channels, so a head's per-sequence output of {@code steps * channels} values is a series.
 */
public final class StepEmbedder implements Embedder<StepEmbedder.Config> {

  /** The embedder's config. */
  public record Config(
      @JsonPropertyDescription("standard deviation of the projection's initial weights") Double initScale)
      implements PluginConfig {

    public Config {
      initScale = initScale == null ? 0.1 : initScale;
    }

    @Override
    public void validate(ConfigProblems problems) {
      problems.check(initScale > 0, "init_scale", initScale, "a number > 0");
    }
  }

  @Override
  public String name() {
    return "starter-step";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public String description() {
    return "starter plugin: one token per time step, a linear map of its channels";
  }

  @Override
  public FeatureTokens embed(GraphContext context, Config config, Operand<TFloat32> series, int width) {
    Ops tf = context.tf();
    WindowShape shape = context.windowShape();
    int length = shape.inputLength();
    int channels = shape.channels();
    var weight = context.parameter("proj.weight", ParameterRole.EMBEDDER, Shape.of(channels, width),
        Initializers.normal(config.initScale().floatValue()));
    var bias = context.parameter("proj.bias", ParameterRole.EMBEDDER, Shape.of(width), Initializers.zeros());
    Operand<TFloat32> rows = tf.reshape(series, tf.constant(new int[] {-1, channels}));
    Operand<TFloat32> tokens = tf.reshape(tf.math.add(tf.linalg.matMul(rows, weight), bias),
        tf.constant(new int[] {-1, length, width}));
    return new FeatureTokens() {
      public Operand<TFloat32> tokens() {
        return tokens;
      }

      public int count() {
        return length;
      }

      public int width() {
        return width;
      }

      public int channelsPerSequence() {
        return channels;
      }

      public Operand<TFloat32> toSeries(Ops ops, Operand<TFloat32> perSequence) {
        int steps = (int) perSequence.shape().get(1) / channels;
        return ops.reshape(perSequence, ops.constant(new int[] {-1, steps, channels}));
      }
    };
  }
}
