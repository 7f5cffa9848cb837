package io.tsllm.core.report;

import io.tsllm.core.train.EpochRecord;
import io.tsllm.core.train.TrainingListener;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Writes TensorBoard event files with TensorFlow's own summary ops (a small graph of its own, so the model graph
 * and its exports stay clean): training loss and learning rate every {@code every} steps, and per epoch the
 * training loss, validation loss and every validation metric. {@code tensorboard --logdir runs/} shows them.
 */
public final class TensorBoardWriter implements TrainingListener, AutoCloseable {

  static final String FOLDER = "tensorboard";
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Op write;
  private final Op flush;
  private final Op close;
  private final int every;

  public TensorBoardWriter(Path runFolder, int every) {
    this.every = every;
    Ops tf = Ops.create(graph);
    var writer = tf.summary.summaryWriter();
    Op create = tf.summary.createSummaryFileWriter(writer,
        tf.constant(runFolder.resolve(FOLDER).toAbsolutePath().toString()), tf.constant(100), tf.constant(5000),
        tf.constant(".v2"));
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    write = tf.summary.writeScalarSummary(writer, step, tag, value);
    flush = tf.summary.flushSummaryWriter(writer);
    close = tf.summary.closeSummaryWriter(writer);
    session = new Session(graph);
    session.run(create);
  }

  @Override
  public void onStep(int epoch, long globalStep, double loss, double learningRate) {
    if (globalStep % every == 0) {
      scalar(globalStep, "train/loss", loss);
      scalar(globalStep, "train/learning_rate", learningRate);
    }
  }

  @Override
  public void onEpoch(EpochRecord record, double learningRate, long globalStep) {
    scalar(globalStep, "epoch/train_loss", record.trainLoss());
    scalar(globalStep, "epoch/validation_loss", record.validationLoss());
    for (Map.Entry<String, Double> metric : record.validation().entrySet()) {
      scalar(globalStep, "validation/" + metric.getKey(), metric.getValue());
    }
    session.run(flush);
  }

  private void scalar(long at, String name, double number) {
    try (TInt64 s = TInt64.scalarOf(at);
        TString t = TString.scalarOf(name);
        TFloat32 v = TFloat32.scalarOf((float) number)) {
      session.runner().feed(step, s).feed(tag, t).feed(value, v).addTarget(write).run();
    }
  }

  @Override
  public void close() {
    session.run(flush);
    session.run(close);
    session.close();
    graph.close();
  }

}
