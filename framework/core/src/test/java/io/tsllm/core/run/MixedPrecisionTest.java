package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.train.CpuFeatures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * training.precision bf16 on a CPU with native bfloat16: the same seed trains to test metrics close to fp32's, the
 * numbers of training differ (the rewrite took effect), and the run completes through the export's float32
 * round-trip check.
 */
class MixedPrecisionTest {

  @TempDir Path temp;

  private JsonNode run(String precision) throws Exception {
    Path experiment = Experiments.write(temp, e -> ((ObjectNode) e.get("training")).put("epochs", 2)
        .put("max_train_steps", 40).put("threads", 2).put("precision", precision));
    Path folder = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .run(experiment, temp.resolve(precision), List.of()).directory().path();
    JsonNode metrics = Experiments.MAPPER.readTree(folder.resolve("metrics.json").toFile());
    assertEquals(precision, Experiments.MAPPER.readTree(folder.resolve("provenance.json").toFile())
        .get("precision").asText());
    return metrics;
  }

  @Test
  void bf16TrainsToTheMetricsOfFp32() throws Exception {
    CpuFeatures cpu = CpuFeatures.detect();
    Assumptions.assumeTrue(cpu.nativeBf16(), "this CPU (" + cpu.model() + ") has no native bfloat16"
        + " (avx512_bf16 or amx_bf16): bf16 would be emulated, so it is not compared here");

    JsonNode fp32 = run("fp32");
    JsonNode bf16 = run("bf16");

    double first = bf16.at("/epochs/0/train_loss").asDouble();
    double second = bf16.at("/epochs/1/train_loss").asDouble();
    assertTrue(second < first, "bf16 training loss falls: " + first + " then " + second);
    assertNotEquals(fp32.at("/epochs/0/train_loss").asDouble(), first, "the bfloat16 rewrite took effect");
    double mse = fp32.at("/test/mse").asDouble();
    assertEquals(mse, bf16.at("/test/mse").asDouble(), 0.05 * mse, "test MSE within 5% of fp32");
  }
}
