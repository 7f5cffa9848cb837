package io.tsllm.core.distributed;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewServer;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_ServerStart;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_ServerTarget;

import io.tsllm.core.UserInputException;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TargetSessions;
import org.tensorflow.internal.c_api.TF_Server;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * This process's TensorFlow server in the cluster (TensorFlow's own gRPC runtime, through its C API): the other
 * workers reach it at this worker's {@code host:port}, and sessions opened through it run graphs whose collective
 * ops ({@link Collectives}) exchange tensors with theirs. It lives as long as the process: TensorFlow 2.18's gRPC
 * server cannot be shut down ({@code TF_ServerStop} answers "Clean shutdown is not currently implemented" and
 * {@code TF_DeleteServer} aborts the process on that check), so a worker process starts one and exits when done.
 */
public final class WorkerServer {

  private final ClusterSpec cluster;
  private final TF_Server server;
  private final String target;

  public WorkerServer(ClusterSpec cluster) {
    this.cluster = cluster;
    JobDef.Builder job = JobDef.newBuilder().setName(ClusterSpec.JOB);
    for (int i = 0; i < cluster.size(); i++) {
      job.putTasks(i, cluster.workers().get(i));
    }
    ServerDef definition = ServerDef.newBuilder().setCluster(ClusterDef.newBuilder().addJob(job))
        .setJobName(ClusterSpec.JOB).setTaskIndex(cluster.task()).setProtocol("grpc")
        .setDefaultSessionConfig(sessionConfig(ConfigProto.getDefaultInstance(), cluster.task())).build();
    byte[] bytes = definition.toByteArray();
    TF_Status status = TF_Status.newStatus();
    try {
      TF_Server created = TF_NewServer(new BytePointer(bytes), bytes.length, status);
      status.throwExceptionIfNotOK();
      TF_ServerStart(created, status);
      status.throwExceptionIfNotOK();
      this.server = created;
    } catch (RuntimeException e) {
      throw new UserInputException("cannot start worker " + cluster.task() + "'s TensorFlow server at "
          + cluster.workers().get(cluster.task()) + " (is the port free and the host this machine?): "
          + e.getMessage(), e);
    } finally {
      status.delete();
    }
    this.target = TF_ServerTarget(server).getString();
  }

  public ClusterSpec cluster() {
    return cluster;
  }

  /** {@code grpc://host:port}. */
  public String target() {
    return target;
  }

  /**
   * {@code base} with what collectives need: the chief leads every group, and this worker's sessions see only its
   * own devices, so that every op of a graph built without devices runs here and the workers meet only in the
   * collective ops (as TensorFlow's own {@code CollectiveAllReduceStrategy} configures its sessions).
   */
  static ConfigProto sessionConfig(ConfigProto base, int task) {
    return base.toBuilder().clearDeviceFilters().addDeviceFilters("/job:" + ClusterSpec.JOB + "/task:" + task)
        .setExperimental(base.getExperimental().toBuilder().setCollectiveGroupLeader(ClusterSpec.leader())).build();
  }

  /** A session of {@code graph} on this worker's server. */
  public Session session(Graph graph, ConfigProto config) {
    return TargetSessions.open(graph, target, sessionConfig(config, cluster.task()));
  }
}
