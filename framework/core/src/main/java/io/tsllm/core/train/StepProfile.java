package io.tsllm.core.train;

import io.tsllm.core.config.TrainingConfig;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.SeededShuffle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Where a training step's time goes, by TensorFlow's own step statistics ({@code FULL_TRACE}): after warm-up, a
 * few traced steps, each executed node's time summed by operation type (the type the executor ran, so fused and
 * oneDNN-rewritten kernels show under their own names), and the step's wall time split into time when some
 * operation ran and time when none did (the executor's scheduling, the session's feeds and fetches). Tracing adds
 * a little time to every node, so the traced step is slower than an untraced one.
 */
public final class StepProfile {

  private static final int WARM_UP = 3;

  /**
   * @param type the executed operation type, e.g. {@code _MklMatMul} or {@code StatelessRandomUniformV2}
   * @param count how many nodes of the type ran in a step
   * @param seconds their summed time in a step, from each node's start to its outputs' end
   */
  public record OpTime(String type, double count, double seconds) {}

  /**
   * @param stepSeconds median seconds of a traced step as the caller saw it
   * @param executorSeconds the span from the first node's start to the last node's end, per step
   * @param busySeconds the part of that span in which at least one node ran, per step
   * @param opSeconds every node's time summed, per step (more than {@code busySeconds} where nodes overlap)
   * @param nodes nodes executed per step
   * @param byType operation types, longest first
   * @param byNode nodes by name (the type field holds {@code name (Type [output shape])}), longest first
   */
  public record Result(int steps, double stepSeconds, double executorSeconds, double busySeconds, double opSeconds,
      double nodes, List<OpTime> byType, List<OpTime> byNode) {}

  public Result measure(ModelGraph model, Dataset data, TrainingConfig config, long seed, int steps) {
    TrainingGraph training = TrainingGraph.build(model, config);
    int batchSize = config.batchSize();
    WindowBatch batch = new WindowBatch(model.shape(), batchSize);
    int[] order = SeededShuffle.permutation(data.train().size(), seed);
    RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    Map<String, double[]> byType = new HashMap<>();
    Map<String, double[]> byNode = new HashMap<>();
    double[] stepTimes = new double[steps];
    double executor = 0;
    double busy = 0;
    double opTotal = 0;
    double nodes = 0;
    try (Session session = new Session(model.graph(), Trainer.sessionConfig(config))) {
      session.initialize();
      for (int i = 0; i < WARM_UP + steps; i++) {
        batch.fillCycling(data.train(), order, i, batchSize);
        List<RunMetadata> metadata = new ArrayList<>(1);
        long started = System.nanoTime();
        Trainer.runStep(session, model, training, batch, seed, i + 1, config.learningRate(), config.beta1(),
            i < WARM_UP ? null : trace, metadata::add);
        long ended = System.nanoTime();
        if (i < WARM_UP || metadata.isEmpty()) {
          continue;
        }
        stepTimes[i - WARM_UP] = (ended - started) / 1e9;
        List<long[]> intervals = new ArrayList<>();
        for (DeviceStepStats device : metadata.get(0).getStepStats().getDevStatsList()) {
          for (NodeExecStats node : device.getNodeStatsList()) {
            if (node.getNodeName().equals("_SOURCE")) {
              continue;
            }
            long start = node.getAllStartNanos() > 0 ? node.getAllStartNanos() : node.getAllStartMicros() * 1000;
            long length = node.getAllEndRelNanos() > 0 ? node.getAllEndRelNanos() : node.getAllEndRelMicros() * 1000;
            intervals.add(new long[] {start, start + length});
            String type = type(model, node);
            for (double[] sum : List.of(byType.computeIfAbsent(type, t -> new double[2]),
                byNode.computeIfAbsent(node.getNodeName() + " (" + type + " " + outputShape(node) + ")",
                    t -> new double[2]))) {
              sum[0] += 1;
              sum[1] += length / 1e9;
            }
            opTotal += length / 1e9;
            nodes += 1;
          }
        }
        double[] spans = spans(intervals);
        executor += spans[0];
        busy += spans[1];
      }
    }
    return new Result(steps, StepBenchmark.median(stepTimes), executor / steps, busy / steps, opTotal / steps,
        nodes / steps, longestFirst(byType, steps), longestFirst(byNode, steps));
  }

  private static List<OpTime> longestFirst(Map<String, double[]> sums, int steps) {
    List<OpTime> times = new ArrayList<>();
    sums.forEach((key, sum) -> times.add(new OpTime(key, sum[0] / steps, sum[1] / steps)));
    times.sort(Comparator.comparingDouble(OpTime::seconds).reversed());
    return times;
  }

  /** The executed type from the timeline label ({@code name = Type(inputs)}), else the graph's. */
  private static String type(ModelGraph model, NodeExecStats node) {
    String label = node.getTimelineLabel();
    int equals = label.indexOf(" = ");
    int paren = label.indexOf('(', Math.max(equals, 0));
    if (equals >= 0 && paren > equals) {
      return label.substring(equals + 3, paren).trim();
    }
    var operation = model.graph().operation(node.getNodeName());
    return operation != null ? operation.type() : node.getNodeName();
  }

  /** The first output's shape, {@code [896,42,16]}, or {@code []} for none. */
  private static String outputShape(NodeExecStats node) {
    if (node.getOutputCount() == 0) {
      return "[]";
    }
    StringBuilder shape = new StringBuilder("[");
    for (var dim : node.getOutput(0).getTensorDescription().getShape().getDimList()) {
      shape.append(shape.length() > 1 ? "," : "").append(dim.getSize());
    }
    return shape.append(']').toString();
  }

  /** The span of all intervals (first start to last end) and the length of their union, in seconds. */
  static double[] spans(List<long[]> intervals) {
    if (intervals.isEmpty()) {
      return new double[] {0, 0};
    }
    intervals.sort(Comparator.comparingLong(a -> a[0]));
    long first = intervals.get(0)[0];
    long last = first;
    long union = 0;
    long runStart = first;
    long runEnd = first;
    for (long[] interval : intervals) {
      if (interval[0] > runEnd) {
        union += runEnd - runStart;
        runStart = interval[0];
      }
      runEnd = Math.max(runEnd, interval[1]);
      last = Math.max(last, interval[1]);
    }
    union += runEnd - runStart;
    return new double[] {(last - first) / 1e9, union / 1e9};
  }
}
