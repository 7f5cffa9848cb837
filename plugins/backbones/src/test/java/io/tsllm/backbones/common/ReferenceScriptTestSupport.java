package io.tsllm.backbones.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the float64 reference scripts (tools/gpt2_reference.py, tools/llama_reference.py) from tests. */
public final class ReferenceScriptTestSupport {

  public static final Path GPT2 = Path.of("../../tools/gpt2_reference.py");
  public static final Path LLAMA = Path.of("../../tools/llama_reference.py");

  private ReferenceScriptTestSupport() {}

  public static boolean pythonWithNumpy() {
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
  public static Path compute(Path script, Path model, Path config, Path inputs, int layers, Path adapterConfig, Path out)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", script.toString(), "compute", "--model",
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
