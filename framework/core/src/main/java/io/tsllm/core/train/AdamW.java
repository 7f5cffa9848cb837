package io.tsllm.core.train;

import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter; PyTorch's {@code AdamW}): each step first shrinks every
 * weight by {@code lr * weight_decay}, then applies the Adam update. With weight decay 0 it is Adam. Built on
 * tensorflow-framework's {@link Optimizer} (slots, gradient pairing), with the learning rate a graph input, so a
 * schedule can feed it every step.
 */
final class AdamW extends Optimizer {

  static final String FIRST_MOMENT = "m";
  static final String SECOND_MOMENT = "v";
  private static final float EPSILON = 1e-8f;

  private final Operand<TFloat32> learningRate;
  private final float weightDecay;
  private final float betaOne;
  private final float betaTwo;
  private final Optional<FedBetaOne> fedBetaOne;
  private Variable<TFloat32> betaOnePower;
  private Variable<TFloat32> betaTwoPower;

  /**
   * Beta1 and its power fed with every step (a schedule that cycles beta1): PyTorch's Adam corrects the first
   * moment's bias with {@code 1 - beta1^t} of the current beta1.
   */
  record FedBetaOne(Operand<TFloat32> beta, Operand<TFloat32> power) {}

  /**
   * @param learningRate a scalar the trainer feeds
   * @param fedBetaOne when present, beta1 and its power come from these graph inputs instead of {@code betaOne}
   */
  AdamW(Graph graph, Operand<TFloat32> learningRate, float weightDecay, float betaOne, float betaTwo,
      Optional<FedBetaOne> fedBetaOne) {
    super(graph, "AdamW");
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.betaOne = betaOne;
    this.betaTwo = betaTwo;
    this.fedBetaOne = fedBetaOne;
  }

  @Override
  protected void createSlots(List<Output<? extends TType>> variables) {
    for (Output<? extends TType> variable : variables) {
      @SuppressWarnings("unchecked")
      Output<TFloat32> v = (Output<TFloat32>) variable;
      createSlot(v, FIRST_MOMENT, tf.fill(tf.shape(v), tf.constant(0f)));
      createSlot(v, SECOND_MOMENT, tf.fill(tf.shape(v), tf.constant(0f)));
    }
    Ops init = tf.withInitScope();
    betaOnePower = init.withName("adam_beta1_power").variable(tf.constant(betaOne));
    betaTwoPower = init.withName("adam_beta2_power").variable(tf.constant(betaTwo));
  }

  @Override
  protected Optional<Op> prepare(String scopeName) {
    return Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  protected <T extends TType> Op applyDense(Ops ops, Output<T> gradient, Output<T> variable) {
    Output<TFloat32> g = (Output<TFloat32>) gradient;
    Output<TFloat32> v = (Output<TFloat32>) variable;
    Ops step = ops;
    if (weightDecay > 0) {
      Op decay = ops.assign(v, ops.math.mul(v, ops.math.sub(ops.constant(1f),
          ops.math.mul(learningRate, ops.constant(weightDecay)))));
      step = ops.withControlDependencies(List.of(decay));
    }
    return step.train.applyAdam(v, getSlot(v, FIRST_MOMENT).orElseThrow(), getSlot(v, SECOND_MOMENT).orElseThrow(),
        fedBetaOne.map(FedBetaOne::power).orElse(betaOnePower), betaTwoPower, learningRate,
        fedBetaOne.map(FedBetaOne::beta).orElse(step.constant(betaOne)), step.constant(betaTwo),
        step.constant(EPSILON), g);
  }

  @Override
  protected Op finish(List<Op> updates, String name) {
    Ops after = tf.withControlDependencies(updates);
    updates.add(after.assign(betaOnePower, after.math.mul(betaOnePower, after.constant(betaOne))));
    updates.add(after.assign(betaTwoPower, after.math.mul(betaTwoPower, after.constant(betaTwo))));
    return super.finish(updates, name);
  }

  @Override
  public String getOptimizerName() {
    return "AdamW";
  }

}
