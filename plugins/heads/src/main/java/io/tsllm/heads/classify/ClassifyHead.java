package io.tsllm.heads.classify;

import io.tsllm.heads.common.SeisMoLlmDecoder;
import io.tsllm.heads.common.TokenPooling;
import io.tsllm.spi.Baseline;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Head;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.HeadOutput;
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.WindowShape;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Classification: each sequence's hidden states are pooled, the sequences of one sample (its channels, under
 * channel independence) are concatenated, and a linear layer gives class logits. Trained with softmax
 * cross-entropy (optionally class-weighted); predicts class probabilities {@code [batch, classes]}.
 */
public final class ClassifyHead implements Head<ClassifyHeadConfig> {

  @Override
  public String name() {
    return "classify";
  }

  @Override
  public Class<ClassifyHeadConfig> configType() {
    return ClassifyHeadConfig.class;
  }

  @Override
  public String description() {
    return "pooling + linear to class logits, softmax cross-entropy; accuracy, macro-F1, confusion matrix";
  }

  @Override
  public void checkCompatible(ClassifyHeadConfig config, WindowShape shape, ConfigProblems problems) {
    if (!shape.isClassification()) {
      problems.reject("type", "classify", "a dataset with class labels (e.g. ucr); this one has none");
      return;
    }
    if (config.classWeights() != null) {
      problems.check(config.classWeights().size() == shape.classes().size(), "class_weights",
          config.classWeights(), "one weight per class, " + shape.classes().size() + " for " + shape.classes());
    }
  }

  @Override
  public void checkTokens(ClassifyHeadConfig config, FeatureTokens tokens, ConfigProblems problems) {
    if (config.seismollm()) {
      SeisMoLlmDecoder.check(tokens, problems, "decoder", config.decoder());
    }
  }

  @Override
  public HeadContract contract(ClassifyHeadConfig config, WindowShape shape) {
    return HeadContract.predicting(OutputRole.CLASS_PROBABILITIES)
        .withMetrics(MetricSpec.higherKey("accuracy", "share of windows whose most probable class is right"),
            MetricSpec.higherKey("macro_f1", "mean of the per-class F1 scores"))
        .withBaseline(new Baseline("naive", "naive_", "always the split's majority class"));
  }

  @Override
  public HeadOutput build(GraphContext context, ClassifyHeadConfig config, FeatureTokens tokens,
      Operand<TFloat32> hidden, Operand<TFloat32> target) {
    Ops tf = context.tf();
    WindowShape shape = context.windowShape();
    int classes = shape.classes().size();
    Operand<TFloat32> logits;
    if (config.seismollm()) {
      logits = SeisMoLlmDecoder.build(context, tokens.latentPatching().orElseThrow(), tokens.count(), hidden,
          classes);
    } else {
      logits = TokenPooling.linear(context, tokens, hidden, config.pooling(), config.dropout().floatValue(),
          classes);
    }
    Operand<TInt32> labels = tf.dtypes.cast(tf.reshape(target, tf.constant(new int[] {-1})), TInt32.class);
    // -sum(one_hot * log_softmax): TF's C++ gradients lack SparseSoftmaxCrossEntropyWithLogits; LogSoftmax has one.
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perSample = tf.math.neg(
        tf.reduceSum(tf.math.mul(oneHot, tf.nn.logSoftmax(logits)), tf.constant(1)));
    Operand<TFloat32> loss;
    if (config.classWeights() == null) {
      loss = tf.math.mean(perSample, tf.constant(0));
    } else {
      float[] weights = new float[classes];
      for (int c = 0; c < classes; c++) {
        weights[c] = config.classWeights().get(c).floatValue();
      }
      Operand<TFloat32> w = tf.gather(tf.constant(weights), labels, tf.constant(0));
      loss = tf.math.div(tf.reduceSum(tf.math.mul(w, perSample), tf.constant(0)), tf.reduceSum(w, tf.constant(0)));
    }
    return new HeadOutput(tf.nn.softmax(logits), loss);
  }

  @Override
  public Evaluator evaluator(ClassifyHeadConfig config, WindowShape shape, Optional<ChannelScaler> scaler,
      Map<String, Double> calibration) {
    return new ClassifyEvaluator(shape.classes().size());
  }
}
