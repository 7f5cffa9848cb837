package io.tsllm.backbones.gpt2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tools/gpt2_reference.py from tests. */
final class ReferenceScriptTestSupport {

  static final Path SCRIPT = Path.of("../../tools/gpt2_reference.py");

  private ReferenceScriptTestSupport() {}

  static boolean pythonWithNumpy() {
    try {
      Process process = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Hidden states after {@code layers} blocks, computed in float64 by the script; returns {@code out}. */
  static Path compute(Path model, Path config, Path inputs, int layers, Path adapterConfig, Path out)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString(), "compute", "--model",
        model.toString(), "--config", config.toString(), "--inputs", inputs.toString(), "--layers",
        String.valueOf(layers), "--out", out.toString()));
    if (adapterConfig != null) {
      command.addAll(List.of("--adapter-config", adapterConfig.toString()));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), output);
    return out;
  }
}
