package io.tsllm.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Split;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * GPT4TS's ETTh1 training step written by hand in plain TF Java, without any of the framework: instance norm,
 * replication-padded patches 16/8 of 336 steps, a linear patch projection, six GPT-2 blocks of width 768 with 12
 * heads (projections frozen, layer norms and positions trainable), a flattening head to 96 steps, MSE, Adam. Dropout
 * after the position embeddings, in attention and on both residual branches where a rate is given, written as
 * Python TensorFlow's {@code tf.nn.dropout} writes it. This is the yardstick the framework's step is held to; it runs
 * in its own JVM (peak RSS is per process) and prints its median step and peak RSS.
 *
 * <p>Arguments: dropout rate, {@code fp32} or {@code bf16}, number of timed steps.
 */
final class BareGpt4tsStep {

  static final int BATCH = 32;
  static final int CHANNELS = 7;
  static final int INPUT = 336;
  static final int HORIZON = 96;
  static final int PATCH = 16;
  static final int STRIDE = 8;
  static final int COUNT = (INPUT - PATCH) / STRIDE + 2;
  static final int WIDTH = 768;
  static final int HEADS = 12;
  static final int LAYERS = 6;
  static final int POSITIONS = 1024;

  private final Ops tf;
  private final float dropout;
  private final List<Variable<TFloat32>> trainable = new ArrayList<>();
  private final Random random = new Random(1);
  private int dropoutSite;

  private BareGpt4tsStep(Graph graph, float dropout) {
    this.tf = Ops.create(graph);
    this.dropout = dropout;
  }

  public static void main(String[] args) {
    float dropout = Float.parseFloat(args[0]);
    boolean bf16 = args[1].equals("bf16");
    int steps = Integer.parseInt(args[2]);
    try (Graph graph = new Graph()) {
      BareGpt4tsStep model = new BareGpt4tsStep(graph, dropout);
      Placeholder<TFloat32> x = model.tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(BATCH, INPUT, CHANNELS)));
      Placeholder<TFloat32> y = model.tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(BATCH, HORIZON, CHANNELS)));
      Operand<TFloat32> loss = model.tf.math.mean(model.tf.math.squaredDifference(model.forward(x), y),
          model.tf.constant(new int[] {0, 1, 2}));
      Op step = model.trainingStep(graph, loss);
      ConfigProto.Builder config = ConfigProto.newBuilder().setIntraOpParallelismThreads(2)
          .setInterOpParallelismThreads(2);
      if (bf16) {
        config.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
            .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)));
      }
      try (Session session = new Session(graph, config.build());
          TFloat32 input = TFloat32.tensorOf(StdArrays.ndCopyOf(model.normal(BATCH, INPUT, CHANNELS)));
          TFloat32 target = TFloat32.tensorOf(StdArrays.ndCopyOf(model.normal(BATCH, HORIZON, CHANNELS)))) {
        session.initialize();
        double[] times = new double[steps];
        for (int i = -2; i < steps; i++) {
          long started = System.nanoTime();
          try (var result = session.runner().feed(x, input).feed(y, target).fetch(loss).addTarget(step).run()) {
            if (i >= 0) {
              times[i] = (System.nanoTime() - started) / 1e9;
            }
          }
        }
        System.out.printf(Locale.ROOT, "training step: %.4f s%npeak RSS: %.2f GB%n", StepBenchmark.median(times),
            StepBenchmark.peakRss() / 1e9);
      }
    }
  }

  private Operand<TFloat32> forward(Operand<TFloat32> series) {
    Operand<TInt32> time = tf.constant(new int[] {1});
    Operand<TFloat32> mean = tf.stopGradient(tf.math.mean(series, time, Mean.keepDims(true)));
    Operand<TFloat32> centered = tf.math.sub(series, mean);
    Operand<TFloat32> std = tf.stopGradient(tf.math.sqrt(tf.math.add(
        tf.math.mean(tf.math.square(centered), time, Mean.keepDims(true)), tf.constant(1e-5f))));
    Operand<TFloat32> perChannel = tf.reshape(tf.linalg.transpose(tf.math.div(centered, std),
        tf.constant(new int[] {0, 2, 1})), tf.constant(new int[] {-1, INPUT}));
    int[][] indices = new int[COUNT][PATCH];
    for (int p = 0; p < COUNT; p++) {
      for (int j = 0; j < PATCH; j++) {
        indices[p][j] = Math.min(p * STRIDE + j, INPUT - 1);
      }
    }
    Operand<TFloat32> patches = tf.reshape(tf.gather(perChannel, tf.constant(indices), tf.constant(1)),
        tf.constant(new int[] {-1, PATCH}));
    Operand<TFloat32> tokens = tf.reshape(dense(patches, PATCH, WIDTH, true), tf.constant(new int[] {-1, COUNT, WIDTH}));
    Variable<TFloat32> wpe = weight(true, POSITIONS, WIDTH);
    Operand<TFloat32> hidden = dropout(tf.math.add(tokens,
        tf.slice(wpe, tf.constant(new int[] {0, 0}), tf.constant(new int[] {COUNT, WIDTH}))));
    float[][] causal = new float[COUNT][COUNT];
    for (int i = 0; i < COUNT; i++) {
      for (int j = i + 1; j < COUNT; j++) {
        causal[i][j] = -1e9f;
      }
    }
    Operand<TFloat32> causalBias = tf.constant(causal);
    for (int layer = 0; layer < LAYERS; layer++) {
      hidden = tf.math.add(hidden, dropout(attention(layerNorm(hidden), causalBias)));
      Operand<TFloat32> inner = gelu(dense(layerNorm(hidden), WIDTH, 4 * WIDTH, false));
      hidden = tf.math.add(hidden, dropout(dense(inner, 4 * WIDTH, WIDTH, false)));
    }
    Operand<TFloat32> flat = tf.reshape(layerNorm(hidden), tf.constant(new int[] {-1, COUNT * WIDTH}));
    Operand<TFloat32> out = tf.reshape(dense(flat, COUNT * WIDTH, HORIZON, true),
        tf.constant(new int[] {BATCH, CHANNELS, HORIZON}));
    return tf.math.add(tf.math.mul(tf.linalg.transpose(out, tf.constant(new int[] {0, 2, 1})), std), mean);
  }

  private Operand<TFloat32> attention(Operand<TFloat32> x, Operand<TFloat32> causalBias) {
    Split<TFloat32> qkv = tf.split(tf.constant(2), dense(x, WIDTH, 3 * WIDTH, false), 3L);
    Operand<TFloat32> q = heads(qkv.output().get(0));
    Operand<TFloat32> k = heads(qkv.output().get(1));
    Operand<TFloat32> v = heads(qkv.output().get(2));
    Operand<TFloat32> scores = tf.math.mul(tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true)),
        tf.constant((float) (1 / Math.sqrt(WIDTH / HEADS))));
    Operand<TFloat32> probs = dropout(tf.nn.softmax(tf.math.add(scores, causalBias)));
    Operand<TFloat32> merged = tf.reshape(tf.linalg.transpose(tf.train.batchMatMul(probs, v, TFloat32.class),
        tf.constant(new int[] {0, 2, 1, 3})), tf.constant(new int[] {-1, COUNT, WIDTH}));
    return dense(merged, WIDTH, WIDTH, false);
  }

  private Operand<TFloat32> heads(Operand<TFloat32> x) {
    return tf.linalg.transpose(tf.reshape(x, tf.constant(new int[] {-1, COUNT, HEADS, WIDTH / HEADS})),
        tf.constant(new int[] {0, 2, 1, 3}));
  }

  /** {@code x @ w + b} over the last axis. */
  private Operand<TFloat32> dense(Operand<TFloat32> x, int in, int out, boolean train) {
    Shape shape = x.shape();
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, in}));
    Operand<TFloat32> y = tf.math.add(tf.linalg.matMul(flat, weight(train, in, out)), weight(train, out));
    if (shape.numDimensions() == 2) {
      return y;
    }
    return tf.reshape(y, tf.constant(new int[] {-1, (int) shape.get(1), out}));
  }

  private Operand<TFloat32> layerNorm(Operand<TFloat32> x) {
    Operand<TInt32> last = tf.constant(new int[] {-1});
    Operand<TFloat32> centered = tf.math.sub(x, tf.math.mean(x, last, Mean.keepDims(true)));
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), last, Mean.keepDims(true));
    Operand<TFloat32> normalized = tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, tf.constant(1e-5f))));
    return tf.math.add(tf.math.mul(normalized, weight(true, WIDTH)), weight(true, WIDTH));
  }

  private Operand<TFloat32> gelu(Operand<TFloat32> x) {
    Operand<TFloat32> inner = tf.math.mul(tf.constant((float) Math.sqrt(2 / Math.PI)),
        tf.math.add(x, tf.math.mul(tf.constant(0.044715f), tf.math.mul(tf.math.mul(x, x), x))));
    return tf.math.mul(tf.math.mul(tf.constant(0.5f), x), tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
  }

  /** {@code tf.nn.dropout}: {@code x * scale * cast(uniform >= rate)}. */
  private Operand<TFloat32> dropout(Operand<TFloat32> x) {
    if (dropout == 0) {
      return x;
    }
    Operand<TInt64> seed = tf.constant(new long[] {1, ++dropoutSite});
    Operand<TFloat32> keep = tf.dtypes.cast(
        tf.math.greaterEqual(tf.random.statelessRandomUniform(tf.shape(x), seed), tf.constant(dropout)),
        TFloat32.class);
    return tf.math.mul(tf.math.mul(x, tf.constant(1 / (1 - dropout))), keep);
  }

  private Variable<TFloat32> weight(boolean train, int... dims) {
    long[] shape = java.util.Arrays.stream(dims).asLongStream().toArray();
    Operand<TInt64> seed = tf.constant(new long[] {2, random.nextInt()});
    Variable<TFloat32> variable = tf.withInitScope().variable(tf.withInitScope().math.mul(
        tf.withInitScope().random.statelessRandomNormal(tf.withInitScope().constant(shape), seed),
        tf.withInitScope().constant(0.02f)));
    if (train) {
      trainable.add(variable);
    }
    return variable;
  }

  private float[][][] normal(int a, int b, int c) {
    float[][][] values = new float[a][b][c];
    for (float[][] plane : values) {
      for (float[] row : plane) {
        for (int i = 0; i < row.length; i++) {
          row[i] = (float) random.nextGaussian();
        }
      }
    }
    return values;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Op trainingStep(Graph graph, Operand<TFloat32> loss) {
    Output<?>[] variables = trainable.stream().map(Variable::asOutput).toArray(Output<?>[]::new);
    Output<?>[] gradients = graph.addGradients(loss.asOutput(), variables);
    List<GradAndVar<?>> pairs = new ArrayList<>();
    for (int i = 0; i < variables.length; i++) {
      pairs.add(new GradAndVar<>((Output<TFloat32>) gradients[i], (Output<TFloat32>) variables[i]));
    }
    return new Adam(graph, 1e-4f).applyGradients((List) pairs, "train");
  }
}
