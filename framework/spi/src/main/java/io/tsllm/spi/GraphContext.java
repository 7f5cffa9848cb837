package io.tsllm.spi;

import java.nio.file.Path;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

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
   * Creates float32 state that is not trained by gradients but saved in checkpoints and exports, such as a batch
   * norm's moving statistics; {@link #updateWhileTraining} says how it changes.
   *
   * @param name a name unique within the plugin
   */
  Variable<TFloat32> state(String name, Shape shape, Initializer init);

  /** Runs {@code update} (e.g. an assignment of moving statistics) with every training step, never otherwise. */
  void updateWhileTraining(Op update);

  /**
   * Inverted dropout that is active only in training steps and draws a fresh, reproducible mask at every step.
   * Returns {@code x} itself when {@code rate} is 0.
   */
  Operand<TFloat32> dropout(Operand<TFloat32> x, float rate);

  /** True while a training step runs, false for evaluation and export. */
  Operand<TBool> training();

  /**
   * True while the framework runs the model on its own dataset (training steps and evaluation passes), false in an
   * exported model. A head that hides inputs at random as its task's protocol demands (imputation) does so only
   * then, so that a served model sees just the gaps its user left.
   */
  Operand<TBool> protocolMasks();

  /**
   * Uniform noise in [0, 1) of the given shape, reproducible: drawn from the step's seed (in training) or the
   * batch's seed (in evaluation passes, the same for every run) and {@code site}. Two draws with the same site and
   * shape in one step are equal.
   */
  Operand<TFloat32> uniformNoise(Operand<TInt32> shape, String site);

  /** The batch's (scaled) input windows {@code [batch, input_length, channels]}, as the dataset gave them. */
  Operand<TFloat32> input();

  /**
   * 1 where the embedder's input holds an observed value, 0 where the head hid one (the mask of
   * {@link Head#prepareInput}'s {@link PreparedInput}); empty when every value is observed. The embedder and the
   * head see the same mask.
   */
  Optional<Operand<TFloat32>> observed();

  /**
   * Declares how an adapter folds into the weight it adapts, for exports that merge adapters: the framework then
   * adds {@code delta} (computed from the trained adapter) to {@code base} for every declaration, and afterwards
   * sets every {@code reset} variable to zero, so the merged model computes what the adapted one did.
   */
  void mergeOnExport(Variable<TFloat32> base, Operand<TFloat32> delta, Variable<TFloat32> reset);

  /**
   * A host input the embedder declared in {@link Embedder#hostInputs}, as a graph input {@code [rows, width]}
   * (rows: the batch's windows times {@link HostInput#rowsPerWindow}).
   *
   * @throws IllegalArgumentException when no host input of that name was declared
   */
  Operand<TInt32> hostInput(String name);

  /**
   * The backbone's input word embedding {@code [vocabulary, width]} ({@link Backbone#wordEmbeddings}).
   *
   * @throws IllegalStateException naming the backbone when it has none
   */
  Operand<TFloat32> wordEmbeddings();

  /** Resolves a path from the experiment file (e.g. pre-trained weights): relative to the file's folder. */
  Path resolve(String path);
}
