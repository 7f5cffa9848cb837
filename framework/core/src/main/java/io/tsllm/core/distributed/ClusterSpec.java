package io.tsllm.core.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.UserInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The workers of one distributed training, each {@code host:port}, this process's index among them (0 is the
 * chief), and how long it waits at start for the others' servers to answer. Given as TensorFlow's own {@code TF_CONFIG} environment variable ({@code {"cluster": {"worker": [...]},
 * "task": {"type": "worker", "index": N}}}) or as {@code run --cluster host:port,... --task N}; the same command then
 * runs on every host.
 */
public record ClusterSpec(List<String> workers, int task, Duration peerWait) {

  /** How long a worker waits at start for every other worker's server to answer, unless told otherwise. */
  public static final Duration DEFAULT_PEER_WAIT = Duration.ofMinutes(5);

  public ClusterSpec(List<String> workers, int task) {
    this(workers, task, DEFAULT_PEER_WAIT);
  }

  /** The same cluster, with {@code wait} for the other workers' servers at start. */
  public ClusterSpec withPeerWait(Duration wait) {
    return new ClusterSpec(workers, task, wait);
  }

  /** {@code host} and {@code port} of worker {@code index}. */
  public java.net.InetSocketAddress address(int index) {
    String worker = workers.get(index);
    int colon = worker.lastIndexOf(':');
    return java.net.InetSocketAddress.createUnresolved(worker.substring(0, colon),
        Integer.parseInt(worker.substring(colon + 1)));
  }

  public ClusterSpec {
    workers = List.copyOf(workers);
    if (workers.isEmpty()) {
      throw new UserInputException("the cluster names no workers");
    }
    if (task < 0 || task >= workers.size()) {
      throw new UserInputException("task " + task + " is not one of the cluster's " + workers.size() + " workers"
          + " (expected 0 to " + (workers.size() - 1) + ")");
    }
  }

  /** The job every worker belongs to. */
  public static final String JOB = "worker";

  public boolean chief() {
    return task == 0;
  }

  public int size() {
    return workers.size();
  }

  /** The device name of worker {@code index}'s CPU. */
  public static String cpu(int index) {
    return "/job:" + JOB + "/replica:0/task:" + index + "/device:CPU:0";
  }

  /** The chief's task name, which leads every collective group. */
  public static String leader() {
    return "/job:" + JOB + "/replica:0/task:0";
  }

  /** {@code run --cluster host:port,host:port --task N}. */
  public static ClusterSpec of(String cluster, Integer task) {
    if (task == null) {
      throw new UserInputException("--cluster needs --task N: this process's index among the workers");
    }
    List<String> workers = new ArrayList<>();
    for (String worker : cluster.split(",")) {
      workers.add(address("--cluster", worker.trim()));
    }
    return new ClusterSpec(workers, task);
  }

  /** TensorFlow's {@code TF_CONFIG}: the cluster's {@code worker} job and this task, which must be a worker. */
  public static ClusterSpec fromTfConfig(String json, ObjectMapper mapper) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (Exception e) {
      throw new UserInputException("TF_CONFIG is not JSON: " + e.getMessage());
    }
    JsonNode workers = root.path("cluster").path(JOB);
    if (!workers.isArray() || workers.isEmpty()) {
      throw new UserInputException("TF_CONFIG cluster.worker: " + workers + " (expected a list of \"host:port\","
          + " one per worker; other jobs, such as ps or chief, are not used: worker 0 is the chief)");
    }
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      if (!workers.get(i).isTextual()) {
        throw new UserInputException("TF_CONFIG cluster.worker[" + i + "]: " + workers.get(i)
            + " (expected \"host:port\")");
      }
      addresses.add(address("TF_CONFIG cluster.worker[" + i + "]", workers.get(i).asText()));
    }
    JsonNode type = root.path("task").path("type");
    if (!JOB.equals(type.asText())) {
      throw new UserInputException("TF_CONFIG task.type: " + type + " (expected \"worker\")");
    }
    JsonNode index = root.path("task").path("index");
    if (!index.isIntegralNumber()) {
      throw new UserInputException("TF_CONFIG task.index: " + index + " (expected this worker's index, 0 to "
          + (addresses.size() - 1) + ")");
    }
    return new ClusterSpec(addresses, index.asInt());
  }

  private static String address(String where, String text) {
    int colon = text.lastIndexOf(':');
    boolean valid = colon > 0 && colon < text.length() - 1;
    if (valid) {
      try {
        int port = Integer.parseInt(text.substring(colon + 1));
        valid = port > 0 && port < 65536;
      } catch (NumberFormatException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw new UserInputException(where + ": \"" + text + "\" (expected host:port, e.g. 10.0.0.5:2222)");
    }
    return text;
  }
}
