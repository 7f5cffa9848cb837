package io.tsllm.spi;

import java.nio.file.Path;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * What a model plugin builds its part of the graph with. Each plugin gets a context whose {@link #tf()} is scoped
 * to the plugin's section ({@code embedder/}, {@code backbone/}, {@code head/}).
 */
public interface GraphContext {

  /** Ops scoped to this plugin. */
  Ops tf();

  /** The shape of the windows the dataset produces. */
  WindowShape windowShape();

  /**
   * Creates a float32 parameter (a variable the framework initializes, checkpoints and, depending on its role and
   * the freezing policy, trains).
   *
   * @param name a name unique within the plugin, e.g. {@code h.0.attn.c_attn.weight}
   * @param role what the weight is for
   * @param shape its static shape
   * @param init how it starts
   */
  Variable<TFloat32> parameter(String name, ParameterRole role, Shape shape, Initializer init);

  /**
   * Inverted dropout that is active only in training steps and draws a fresh, reproducible mask at every step.
   * Returns {@code x} itself when {@code rate} is 0.
   */
  Operand<TFloat32> dropout(Operand<TFloat32> x, float rate);

  /** True while a training step runs, false for evaluation and export. */
  Operand<TBool> training();

  /**
   * Declares how an adapter folds into the weight it adapts, for exports that merge adapters: the framework then
   * adds {@code delta} (computed from the trained adapter) to {@code base} for every declaration, and afterwards
   * sets every {@code reset} variable to zero, so the merged model computes what the adapted one did.
   */
  void mergeOnExport(Variable<TFloat32> base, Operand<TFloat32> delta, Variable<TFloat32> reset);

  /** Resolves a path from the experiment file (e.g. pre-trained weights): relative to the file's folder. */
  Path resolve(String path);
}
