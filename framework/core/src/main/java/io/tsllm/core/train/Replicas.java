package io.tsllm.core.train;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.TrainingConfig;
import io.tsllm.core.distributed.ClusterSpec;
import io.tsllm.core.distributed.Collectives;
import io.tsllm.core.distributed.SetupFingerprint;
import io.tsllm.core.distributed.WorkerServer;
import io.tsllm.core.model.ModelGraph;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat64;

/**
 * This process as one worker of a synchronous data-parallel training: its server, which share of each step's
 * windows it takes, and how it agrees with the others on the setup, the weights and the position in training.
 * Worker 0, the chief, restores checkpoints, validates, decides when training ends and writes the run folder; the
 * others follow its word.
 */
public final class Replicas {

  /** The collective group of one training; its ops' instance keys follow from the graph's build order. */
  private static final int GROUP_KEY = 1;
  /** A remote task named in TensorFlow's error messages. */
  private static final Pattern REMOTE_TASK = Pattern.compile("/job:" + ClusterSpec.JOB + "/replica:0/task:(\\d+)");

  private final WorkerServer server;
  private final SetupFingerprint fingerprint;

  public Replicas(WorkerServer server, SetupFingerprint fingerprint) {
    this.server = server;
    this.fingerprint = fingerprint;
  }

  public ClusterSpec cluster() {
    return server.cluster();
  }

  public boolean chief() {
    return cluster().chief();
  }

  int workers() {
    return cluster().size();
  }

  Session open(Graph graph, ConfigProto config) {
    return server.session(graph, config);
  }

  Collectives collectives(Ops tf) {
    return new Collectives(tf, workers(), GROUP_KEY);
  }

  /** This worker's windows of a step's {@code count}: {@code [first, first + size)}, the shards as even as can be. */
  Shard shard(int count) {
    int first = (int) ((long) cluster().task() * count / workers());
    int end = (int) ((long) (cluster().task() + 1) * count / workers());
    return new Shard(first, end - first, count);
  }

  /** @param total the step's windows on all workers together */
  record Shard(int first, int size, int total) {}

  /** Refuses what a distributed training cannot do the way one process does it. */
  void checkSupported(ModelGraph model, TrainingConfig config) {
    if (!model.trainingUpdates().isEmpty()) {
      throw new UserInputException("this model keeps moving statistics updated by each training step (batch"
          + " normalization, e.g. backbone.norm \"batch\"), which training across " + workers() + " workers does not"
          + " synchronize yet; use layer normalization, or train in one process");
    }
    if (config.batchSize() < workers()) {
      throw new UserInputException("training.batch_size: " + config.batchSize() + " is smaller than the "
          + workers() + " workers; the batch is the global batch, split across them");
    }
  }

  /**
   * Waits until every other worker's server accepts a connection, trying each once a second for the cluster's peer
   * wait (the others may still be starting), and otherwise names the one that never answered.
   */
  void awaitPeers() {
    long deadline = System.nanoTime() + cluster().peerWait().toNanos();
    for (int index = 0; index < workers(); index++) {
      if (index == cluster().task()) {
        continue;
      }
      InetSocketAddress peer = cluster().address(index);
      String last = "";
      while (true) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(peer.getHostString(), peer.getPort()), 1000);
          break;
        } catch (IOException e) {
          last = e.getMessage();
        }
        if (System.nanoTime() > deadline) {
          throw new WorkerLostException("worker " + index + " at " + cluster().workers().get(index) + " did not"
              + " answer within " + cluster().peerWait().toSeconds() + " s (" + last + "): start it (the same command"
              + " with task " + index + "), or correct its address in --cluster or TF_CONFIG", null);
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for worker " + index, e);
        }
      }
    }
  }

  /** Compares every worker's setup with the others' and names what differs. */
  void checkSameSetup(Session session, ReplicaGraph graph) {
    double[] values = fingerprint.values();
    try (TFloat64 fed = TFloat64.vectorOf(values);
        Result result = session.runner().feed(graph.fingerprint(), fed).fetch(graph.fingerprintLow())
            .fetch(graph.fingerprintHigh()).run()) {
      List<String> differing = fingerprint.differing(doubles((TFloat64) result.get(0)),
          doubles((TFloat64) result.get(1)));
      if (!differing.isEmpty()) {
        throw new UserInputException("the " + workers() + " workers do not run the same setup: their "
            + String.join(", ", differing) + " differ (worker " + cluster().task() + " of "
            + String.join(",", cluster().workers()) + "); start every worker with the same experiment, seed,"
            + " plugins, data and framework version");
      }
    }
  }

  /**
   * Sets every worker's variables to the chief's and returns the chief's position: where a fresh run starts, or
   * where the chief's {@code last} checkpoint left off.
   */
  TrainingState start(Session session, ReplicaGraph graph, TrainingState state) {
    session.runner().addTarget(graph.broadcastVariables()).run();
    return agree(session, graph, state);
  }

  /** The chief's state after an epoch, as every worker must continue from it. */
  TrainingState agree(Session session, ReplicaGraph graph, TrainingState state) {
    double[] position = chief()
        ? new double[] {state.epoch(), state.stepInEpoch(), state.globalStep(), state.epochLossSum(),
            state.done() ? 1 : 0}
        : new double[ReplicaGraph.POSITION_SIZE];
    try (TFloat64 fed = TFloat64.vectorOf(position);
        Result result = session.runner().feed(graph.position(), fed).fetch(graph.chiefPosition()).run()) {
      double[] chief = doubles((TFloat64) result.get(0));
      if (chief()) {
        return state;
      }
      return new TrainingState((int) chief[0], (int) chief[1], (long) chief[2], chief[3], null, 0, 0, List.of(),
          chief[4] != 0);
    }
  }

  /**
   * {@code failure} of a collective op as the loss of a worker, naming it (TensorFlow names the remote task whose
   * call failed), or {@code failure} itself when it is something else.
   */
  RuntimeException explain(RuntimeException failure, TrainingState state) {
    String message = String.valueOf(failure.getMessage());
    boolean collective = message.contains("Collective ops is aborted") || message.contains("Collective ops timed")
        || message.contains("DEADLINE_EXCEEDED") || message.contains("UNAVAILABLE") || message.contains("timed out");
    if (!collective) {
      return failure;
    }
    Matcher remote = REMOTE_TASK.matcher(message);
    String who = "another worker";
    while (remote.find()) {
      int task = Integer.parseInt(remote.group(1));
      if (task != cluster().task() && task < workers()) {
        who = "worker " + task + " (" + cluster().workers().get(task) + ")";
        break;
      }
    }
    String reason = message.lines().filter(line -> line.contains("aborted by") || line.contains("timed out"))
        .findFirst().orElse(message.lines().findFirst().orElse("")).trim();
    return new WorkerLostException("the distributed training lost " + who + " in epoch " + state.epoch()
        + " (" + reason + "); every worker stops. Run the same"
        + " command on every worker with --resume <the chief's run folder> to continue from its last checkpoint",
        failure);
  }

  private static double[] doubles(TFloat64 tensor) {
    double[] values = new double[(int) tensor.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = tensor.getDouble(i);
    }
    return values;
  }
}
