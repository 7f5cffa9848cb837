package io.tsllm.backbones.gpt2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tsllm.converters.safetensors.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed reference outputs are what tools/gpt2_reference.py computes from the committed checkpoint and
 * inputs, so the fixture cannot drift from the script that documents it.
 */
class ReferenceScriptTest {

  static final Path SCRIPT = Path.of("../../tools/gpt2_reference.py");

  @TempDir Path temp;

  @Test
  void scriptReproducesTheCommittedReference() throws Exception {
    assumeTrue(pythonWithNumpy(), "python3 with NumPy is not available");
    Path fixture = Gpt2ParityTest.FIXTURE;
    Path out = temp.resolve("out.safetensors");
    Process process = new ProcessBuilder("python3", SCRIPT.toString(), "compute",
        "--model", fixture.resolve("model.safetensors").toString(),
        "--config", fixture.resolve("config.json").toString(),
        "--inputs", fixture.resolve("inputs.safetensors").toString(),
        "--layers", "2", "--out", out.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), output);
    try (SafetensorsFile computed = SafetensorsFile.open(out);
        SafetensorsFile committed = SafetensorsFile.open(fixture.resolve("reference.safetensors"))) {
      assertArrayEquals(committed.readDoubles("last_hidden_state.layers2"),
          computed.readDoubles("last_hidden_state.layers2"), 1e-12);
    }
  }

  private static boolean pythonWithNumpy() throws InterruptedException {
    try {
      Process process = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
