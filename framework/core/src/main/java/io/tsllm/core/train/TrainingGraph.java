package io.tsllm.core.train;

import io.tsllm.core.config.TrainingConfig;
import io.tsllm.core.distributed.Collectives;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.graph.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The training ops added to a model graph: gradients of the loss for the trainable parameters only (frozen ones
 * get neither gradients nor optimizer slots), optional clipping by global norm, and an AdamW step whose learning
 * rate is fed each step, run together with the model's training updates (moving statistics).
 *
 * @param learningRate the scalar fed with the schedule's value
 */
record TrainingGraph(Op step, Placeholder<TFloat32> learningRate, Optional<BetaOneFeed> betaOne,
    Optional<ReplicaGraph> replicas) {

  /** Adam's beta1 and its power {@code beta1^t}, fed with every step when the schedule cycles beta1. */
  record BetaOneFeed(Placeholder<TFloat32> beta, Placeholder<TFloat32> power) {}

  static TrainingGraph build(ModelGraph model, TrainingConfig config) {
    return build(model, config, Optional.empty());
  }

  /**
   * @param replicas the workers of a distributed training: the gradients of each worker's shard, weighted by its
   *     share, are summed across them before clipping and the optimizer
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static TrainingGraph build(ModelGraph model, TrainingConfig config, Optional<Replicas> replicas) {
    List<Parameter> trainable = model.trainableParameters();
    if (trainable.isEmpty()) {
      throw new IllegalStateException("no parameter is trainable");
    }
    Ops tf = Ops.create(model.graph()).withSubScope("training");
    Output<?>[] variables = trainable.stream().map(p -> p.variable().asOutput()).toArray(Output<?>[]::new);
    Output<?>[] gradients = model.graph().addGradients(model.loss().asOutput(), variables);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    for (Output<?> g : gradients) {
      grads.add((Output<TFloat32>) g);
    }
    Optional<Collectives> collectives = replicas.map(r -> r.collectives(tf.withSubScope("replicas")));
    Optional<ReplicaGraph.Exchange> exchange = collectives.map(c -> ReplicaGraph.exchange(
        tf.withSubScope("replicas"), c, grads, trainable.stream().map(p -> p.variable().shape()).toList(),
        model.loss()));
    if (exchange.isPresent()) {
      grads.clear();
      grads.addAll(exchange.get().gradients());
    }
    if (config.gradientClipNorm() > 0) {
      Operand<TFloat32> norm = globalNorm(tf, grads);
      // As torch.nn.utils.clip_grad_norm_: scale by clip / max(norm, clip).
      Operand<TFloat32> clip = tf.constant(config.gradientClipNorm().floatValue());
      Operand<TFloat32> scale = tf.math.div(clip, tf.math.maximum(norm, clip));
      grads.replaceAll(g -> tf.math.mul(g, scale));
    }
    Placeholder<TFloat32> learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    List<GradAndVar<?>> pairs = new ArrayList<>();
    for (int i = 0; i < variables.length; i++) {
      pairs.add(new GradAndVar<>(grads.get(i).asOutput(), (Output<TFloat32>) variables[i]));
    }
    Optional<BetaOneFeed> betaOne = Optional.empty();
    if (config.schedule().cyclesBeta1()) {
      betaOne = Optional.of(new BetaOneFeed(
          tf.withName("adam_beta1").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar())),
          tf.withName("adam_beta1_power_fed").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()))));
    }
    AdamW optimizer = new AdamW(model.graph(), learningRate, config.weightDecay().floatValue(),
        (float) config.schedule().constantBeta1(config.beta1()), config.beta2().floatValue(),
        betaOne.map(feed -> new AdamW.FedBetaOne(feed.beta(), feed.power())));
    Op step = optimizer.applyGradients((List) pairs, "train");
    if (!model.trainingUpdates().isEmpty()) {
      List<Op> all = new ArrayList<>(model.trainingUpdates());
      all.add(step);
      step = tf.withName("train_and_update").withControlDependencies(all).noOp();
    }
    Optional<ReplicaGraph> replicaGraph = exchange.map(e -> ReplicaGraph.build(tf.withSubScope("replicas"),
        model.graph(), collectives.get(), replicas.get().chief(), e));
    return new TrainingGraph(step, learningRate, betaOne, replicaGraph);
  }

  private static Operand<TFloat32> globalNorm(Ops tf, List<Operand<TFloat32>> grads) {
    Operand<TFloat32> sum = tf.constant(0f);
    for (Operand<TFloat32> g : grads) {
      sum = tf.math.add(sum, tf.reduceSum(tf.math.square(g), tf.range(tf.constant(0), tf.rank(g), tf.constant(1))));
    }
    return tf.math.sqrt(sum);
  }
}
