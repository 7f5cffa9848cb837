package io.tsllm.core.distributed;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * One worker of {@link DistributedRuntimeTest}, in a process of its own: starts its server, averages {@code [task +
 * 1, 10 (task + 1)]} and {@code [task]} with the other workers three times, and prints each result.
 */
public final class AllReduceWorker {

  private AllReduceWorker() {}

  /** {@code host:port,host:port,... task}. */
  public static void main(String[] args) {
    ClusterSpec cluster = ClusterSpec.of(args[0], Integer.parseInt(args[1]));
    for (String line : run(cluster)) {
      System.out.println(line);
    }
  }

  static List<String> run(ClusterSpec cluster) {
    int task = cluster.task();
    WorkerServer server = new WorkerServer(cluster);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder().job(ClusterSpec.JOB).replica(0).task(task)
          .deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
      Collectives collective = new Collectives(tf, cluster.size(), 1);
      List<Operand<TFloat32>> means = List.of(
          collective.mean(tf.constant(new float[] {task + 1, 10 * (task + 1)}), 60),
          collective.mean(tf.constant(new float[] {task}), 60));
      List<String> lines = new java.util.ArrayList<>();
      try (Session session = server.session(graph, ConfigProto.getDefaultInstance())) {
        for (int run = 0; run < 3; run++) {
          try (Result result = session.runner().fetch(means.get(0)).fetch(means.get(1)).run()) {
            lines.add("mean " + Arrays.toString(values((TFloat32) result.get(0))) + " "
                + Arrays.toString(values((TFloat32) result.get(1))));
          }
        }
      }
      return lines;
    }
  }

  private static float[] values(TFloat32 tensor) {
    float[] values = new float[(int) tensor.size()];
    tensor.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(values, false, false));
    return values;
  }
}
