package io.tsllm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peak RSS of the framework's GPT4TS-size training step against {@link BareGpt4tsStep}, the same model written by
 * hand in plain TF Java, each in its own JVM (peak RSS is a process's), at the same precision and dropout: without
 * dropout (the bare graph #16 compares with had none) and with GPT-2's 0.1 at its three sites, in fp32 and, where
 * the CPU has native bfloat16, in bf16. The framework side is the user's {@code bench} command on ETTh1 (random
 * GPT-2 weights, layer norms and positions trainable, batch 32, evaluation batch 32). Prints each pair's step time
 * and peak RSS and the framework's share over the bare graph. Run:
 * {@code mvn -Dbenchmarks -pl framework/core test -Dtest=PeakMemoryBenchmark}.
 */
@Tag("benchmark")
class PeakMemoryBenchmark {

  private static final int STEPS = 3;
  private static final Pattern STEP = Pattern.compile("training step: ([0-9.]+) s");
  private static final Pattern RSS = Pattern.compile("peak RSS: ([0-9.]+) GB");

  @TempDir Path temp;

  @Test
  void frameworkAgainstBareGraph() throws Exception {
    CpuFeatures cpu = CpuFeatures.detect();
    List<String> precisions = new ArrayList<>(List.of("fp32"));
    if (!cpu.bf16Flags().isEmpty()) {
      precisions.add("bf16");
    }
    List<String> lines = new ArrayList<>();
    for (String precision : precisions) {
      for (float dropout : new float[] {0f, 0.1f}) {
        Measure bare = run(List.of(BareGpt4tsStep.class.getName(), Float.toString(dropout), precision,
            Integer.toString(STEPS)));
        Measure framework = run(List.of("io.tsllm.core.cli.Main", "bench",
            experiment(dropout, precision).toString(), "--steps", Integer.toString(STEPS)));
        String line = String.format(Locale.ROOT, "%s, dropout %.1f: framework %.2f GB (step %.2f s), bare graph %.2f GB"
            + " (step %.2f s): %+.1f%% memory, %+.1f%% time", precision, dropout, framework.rssGb, framework.step,
            bare.rssGb, bare.step, 100 * (framework.rssGb / bare.rssGb - 1), 100 * (framework.step / bare.step - 1));
        System.out.println("peak memory benchmark: " + line);
        lines.add(line);
      }
    }
    System.out.printf("peak memory benchmark on %s, bfloat16 flags %s, 2 warm-up and %d timed steps each:%n  %s%n",
        cpu.model(), cpu.bf16Flags(), STEPS, String.join("\n  ", lines));
  }

  private Path experiment(float dropout, String precision) {
    return Experiments.write(temp, precision + "-" + dropout + ".json", gpt4tsSize(dropout, precision).toPrettyString());
  }

  private static ObjectNode gpt4tsSize(float dropout, String precision) {
    ObjectNode e = Experiments.tiny();
    ((ObjectNode) e.get("data")).put("input_length", 336).put("horizon", 96);
    ((ObjectNode) e.get("backbone")).put("n_embd", 768).put("n_head", 12).put("n_layer", 12).put("layers", 6)
        .put("n_positions", 1024).put("trainable", "gpt4ts").put("embd_pdrop", dropout).put("attn_pdrop", dropout)
        .put("resid_pdrop", dropout);
    ((ObjectNode) e.get("training")).put("batch_size", 32).put("eval_batch_size", 32).put("precision", precision)
        .put("threads", 2);
    return e;
  }

  private static Measure run(List<String> mainAndArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), output);
    return new Measure(number(STEP, output), number(RSS, output));
  }

  private static double number(Pattern pattern, String output) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new AssertionError("no '" + pattern + "' in:\n" + output);
    }
    return Double.parseDouble(matcher.group(1));
  }

  private record Measure(double step, double rssGb) {}
}
