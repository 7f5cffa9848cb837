package io.tsllm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.ConsoleFiles;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.distributed.LoopbackNamespace;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.run.ExperimentRunner;
import io.tsllm.core.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkTrainMain} on a localhost standalone cluster (master and 2 workers from the Maven jars, in a network
 * namespace whose only interface is loopback): 2 barrier tasks train one experiment; the executor of task 1 is
 * SIGKILLed mid-training; Spark retries the barrier stage and the new attempt resumes from the chief's checkpoint
 * to the end, with the metrics one process gets within the distributed training's tolerance.
 */
class SparkTrainTest {

  private static final Path ETTH1 = Path.of("../../configs/data/ett/ETTh1.csv").toAbsolutePath().normalize();
  private static final ObjectMapper MAPPER = ConfigMapper.create();
  /** As core's DistributedTrainingTest: the order of float additions differs between 1 and 2 workers. */
  private static final double RELATIVE_TOLERANCE = 1e-5;

  @TempDir Path temp;

  @Test
  void aKilledExecutorFailsTheBarrierStageAndTheRetryResumesToTheMetricsOfOneProcess() throws Exception {
    Assumptions.assumeTrue(LoopbackNamespace.available(), "needs `unshare --net` and `ip` (root, Linux)");
    Path experiment = Files.writeString(temp.resolve("experiment.json"), """
        {"name": "spark-train", "seed": 7,
         "data": {"type": "csv", "path": "%s", "input_length": 96, "horizon": 24},
         "embedder": {"type": "patch", "patch_length": 16, "stride": 8},
         "backbone": {"type": "gpt2", "n_embd": 64, "n_head": 4, "n_layer": 2, "n_positions": 32},
         "head": {"type": "forecast"},
         "training": {"epochs": 2, "batch_size": 32, "eval_batch_size": 512, "max_train_steps": 30,
                      "checkpoint_every_steps": 5, "threads": 1}}
        """.formatted(ETTH1));
    RunResult alone = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .run(experiment, temp.resolve("alone"), List.of());
    JsonNode expected = MAPPER.readTree(alone.directory().path().resolve("metrics.json").toFile());

    Path runFolder = temp.resolve("shared/spark-run");
    Files.createDirectories(runFolder.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String driver = "'" + java + "' -Xmx1g " + System.getProperty("tsllm.spark.opens", "")
        + " -Dtsllm.spark.opens='" + System.getProperty("tsllm.spark.opens", "") + "' -cp '"
        + System.getProperty("java.class.path") + "' " + SparkTrainDriver.class.getName() + " '" + temp + "' '"
        + experiment + "' '" + runFolder + "'";
    Path console = temp.resolve("driver.console");
    Process process = new ProcessBuilder("unshare", "--net", "sh", "-c", "ip link set lo up && SPARK_LOCAL_IP=127.0.0.1"
        + " TF_CPP_MIN_LOG_LEVEL=2 timeout 600 " + driver).redirectErrorStream(true).redirectOutput(console.toFile())
        .start();
    boolean ended = process.waitFor(620, TimeUnit.SECONDS);
    process.destroyForcibly();
    String output = Files.readString(console) + ConsoleFiles.of(runFolder.getParent());
    assertTrue(ended && output.contains("killed executor") && output.contains("exit 0"), output);

    assertEquals("completed", MAPPER.readTree(runFolder.resolve("status.json").toFile()).get("state").asText());
    assertTrue(output.contains("attempt-1.console"), "the barrier stage ran a second attempt: " + output);
    JsonNode actual = MAPPER.readTree(runFolder.resolve("metrics.json").toFile());
    for (String metric : List.of("mse", "mae")) {
      double value = expected.at("/test/" + metric).asDouble();
      System.out.printf("test %s: one process %.9f, 2 barrier tasks after the retry %.9f%n", metric, value,
          actual.at("/test/" + metric).asDouble());
      assertEquals(value, actual.at("/test/" + metric).asDouble(), RELATIVE_TOLERANCE * value, metric + output);
    }
  }


}
