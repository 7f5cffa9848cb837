package io.tsllm.core.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TensorFlow's distributed runtime from the framework: two worker processes on 127.0.0.1 (in a network namespace
 * with loopback only), each with its own server and session, average tensors with {@code CollectiveReduceV2} and
 * both get the mean, run after run.
 */
class DistributedRuntimeTest {

  @TempDir Path temp;

  @Test
  void twoWorkerProcessesAverageTheirTensors() throws Exception {
    // TensorFlow's gRPC server listens on every interface of its host (it binds 0.0.0.0, with no option to
    // narrow it), so both workers run in a network namespace of their own whose only interface is loopback: nothing
    // outside can reach them. Each worker is a process of its own: a TensorFlow server lives as long as its process.
    Assumptions.assumeTrue(LoopbackNamespace.available(), "needs `unshare --net` and `ip` (root, Linux)");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    String cluster = "127.0.0.1:23431,127.0.0.1:23432";
    String worker = "timeout 120 '" + java + "' -cp '" + classPath + "' " + AllReduceWorker.class.getName() + " "
        + cluster;
    Path chief = temp.resolve("worker-0.log");
    Path other = temp.resolve("worker-1.log");
    Process pair = new ProcessBuilder("unshare", "--net", "sh", "-c", "ip link set lo up && { " + worker + " 1 > '"
        + other + "' 2>&1 & } && " + worker + " 0 > '" + chief + "' 2>&1; status=$?; wait $! || exit 1;"
        + " exit $status").redirectErrorStream(true).redirectOutput(temp.resolve("unshare.log").toFile()).start();
    boolean ended = pair.waitFor(150, TimeUnit.SECONDS);
    pair.destroyForcibly();
    String output = Files.readString(temp.resolve("unshare.log")) + "\nworker 0:\n" + Files.readString(chief)
        + "\nworker 1:\n" + Files.readString(other);
    assertTrue(ended && pair.exitValue() == 0, output);
    List<String> expected = List.of("mean [1.5, 15.0] [0.5]", "mean [1.5, 15.0] [0.5]", "mean [1.5, 15.0] [0.5]");
    assertEquals(expected, means(chief), output);
    assertEquals(expected, means(other), output);
  }

  private static List<String> means(Path log) throws Exception {
    return Files.readAllLines(log).stream().filter(l -> l.startsWith("mean ")).toList();
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

}
