package io.tsllm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** One AdamW step against the update written out by hand (PyTorch's AdamW with TensorFlow's epsilon placement). */
class AdamWTest {

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void firstStepDecaysTheWeightThenAppliesAdam() {
    float w0 = 2f;
    float g = 0.5f;
    float lr = 0.1f;
    float decay = 0.2f;
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> w = tf.withInitScope().withName("w").variable(tf.constant(new float[] {w0}));
      Placeholder<TFloat32> rate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Output<TFloat32> gradient = tf.constant(new float[] {g}).asOutput();
      Op step = new AdamW(graph, rate, decay, 0.9f, 0.999f, java.util.Optional.empty())
          .applyGradients((List) List.of(new GradAndVar<>(gradient, w.asOutput())),
          "step");
      try (Session session = new Session(graph)) {
        session.initialize();
        try (TFloat32 lrValue = TFloat32.scalarOf(lr)) {
          session.runner().feed(rate, lrValue).addTarget(step).run();
        }
        try (Result result = session.runner().fetch(w).run()) {
          double decayed = w0 * (1 - lr * decay);
          // t = 1: m = 0.1 g, v = 0.001 g^2, lr_t = lr sqrt(1 - 0.999) / (1 - 0.9)
          double m = 0.1 * g;
          double v = 0.001 * g * g;
          double lrT = lr * Math.sqrt(1 - 0.999) / (1 - 0.9);
          double expected = decayed - lrT * m / (Math.sqrt(v) + 1e-8);
          assertEquals(expected, ((TFloat32) result.get(0)).getFloat(0), 1e-6);
        }
      }
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void fedBeta1StepsWithEachStepsBetaAndCorrectsTheBiasWithItsPower() {
    // Two Adam steps with beta1 0.95 then 0.9 (a one-cycle's momentum), as PyTorch's Adam computes them: the first
    // moment mixes with the current beta1 and its bias correction is 1 - beta1^t with the current beta1.
    float g1 = 0.5f;
    float g2 = -0.25f;
    float lr = 0.01f;
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> w = tf.withInitScope().withName("w").variable(tf.constant(new float[] {1f}));
      Placeholder<TFloat32> rate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TFloat32> beta = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TFloat32> power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TFloat32> gradient = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1)));
      Op step = new AdamW(graph, rate, 0f, 0.9f, 0.999f, java.util.Optional.of(new AdamW.FedBetaOne(beta, power)))
          .applyGradients((List) List.of(new GradAndVar<>(gradient.asOutput(), w.asOutput())), "step");
      double[] betas = {0.95, 0.9};
      float[] grads = {g1, g2};
      double m = 0;
      double v = 0;
      double expected = 1;
      try (Session session = new Session(graph)) {
        session.initialize();
        for (int t = 1; t <= 2; t++) {
          double b1 = betas[t - 1];
          try (TFloat32 lrValue = TFloat32.scalarOf(lr);
              TFloat32 betaValue = TFloat32.scalarOf((float) b1);
              TFloat32 powerValue = TFloat32.scalarOf((float) Math.pow(b1, t));
              TFloat32 g = TFloat32.vectorOf(grads[t - 1])) {
            session.runner().feed(rate, lrValue).feed(beta, betaValue).feed(power, powerValue).feed(gradient, g)
                .addTarget(step).run();
          }
          m = b1 * m + (1 - b1) * grads[t - 1];
          v = 0.999 * v + 0.001 * grads[t - 1] * grads[t - 1];
          double lrT = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(b1, t));
          expected -= lrT * m / (Math.sqrt(v) + 1e-8);
        }
        try (Result result = session.runner().fetch(w).run()) {
          assertEquals(expected, ((TFloat32) result.get(0)).getFloat(0), 1e-6);
        }
      }
    }
  }
}
