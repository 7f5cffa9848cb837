package io.tsllm.core.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's distributed runtime from the framework: two worker processes on 127.0.0.1, each with its own server
 * and session, average tensors with {@code CollectiveReduceV2} and both get the mean, run after run.
 */
class DistributedRuntimeTest {

  @Test
  void twoWorkerProcessesAverageTheirTensors() throws Exception {
    // Each worker in a process of its own: a TensorFlow server lives as long as its process.
    String cluster = "127.0.0.1:" + freePort() + ",127.0.0.1:" + freePort();
    Process chief = worker(cluster, 0);
    Process other = worker(cluster, 1);
    try {
      assertTrue(chief.waitFor(120, TimeUnit.SECONDS) && other.waitFor(120, TimeUnit.SECONDS), "the workers end");
      List<String> expected = List.of("mean [1.5, 15.0] [0.5]", "mean [1.5, 15.0] [0.5]", "mean [1.5, 15.0] [0.5]");
      assertEquals(expected, means(chief));
      assertEquals(expected, means(other));
    } finally {
      chief.destroyForcibly();
      other.destroyForcibly();
    }
  }

  private static Process worker(String cluster, int task) throws Exception {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), AllReduceWorker.class.getName(), cluster, String.valueOf(task))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
  }

  private static List<String> means(Process worker) throws Exception {
    String output = new String(worker.getInputStream().readAllBytes());
    assertEquals(0, worker.exitValue(), output);
    return output.lines().filter(l -> l.startsWith("mean ")).toList();
  }

  @Test
  void clustersAreReadFromTfConfigAndTheCommandLineAndBadOnesNamed() {
    var mapper = ConfigMapper.create();
    ClusterSpec spec = ClusterSpec.fromTfConfig("{\"cluster\": {\"worker\": [\"a:2222\", \"b:2222\"]},"
        + " \"task\": {\"type\": \"worker\", \"index\": 1}}", mapper);
    assertEquals(List.of("a:2222", "b:2222"), spec.workers());
    assertEquals(1, spec.task());
    assertEquals(spec, ClusterSpec.of("a:2222,b:2222", 1));
    assertTrue(ClusterSpec.of("a:2222", 0).chief());
    assertEquals("--cluster: \"b\" (expected host:port, e.g. 10.0.0.5:2222)",
        assertThrows(UserInputException.class, () -> ClusterSpec.of("a:1,b", 0)).getMessage());
    assertEquals("task 2 is not one of the cluster's 2 workers (expected 0 to 1)",
        assertThrows(UserInputException.class, () -> ClusterSpec.of("a:1,b:2", 2)).getMessage());
    assertTrue(assertThrows(UserInputException.class, () -> ClusterSpec.fromTfConfig("{\"cluster\": {\"ps\":"
        + " [\"a:1\"]}, \"task\": {\"type\": \"ps\", \"index\": 0}}", mapper)).getMessage()
        .startsWith("TF_CONFIG cluster.worker: "));
    assertEquals("TF_CONFIG task.type: \"chief\" (expected \"worker\")", assertThrows(UserInputException.class,
        () -> ClusterSpec.fromTfConfig("{\"cluster\": {\"worker\": [\"a:1\"]}, \"task\": {\"type\": \"chief\","
            + " \"index\": 0}}", mapper)).getMessage());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
