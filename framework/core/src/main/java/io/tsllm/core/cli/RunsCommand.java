package io.tsllm.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List the runs in an output folder with their state and key test metrics.")
final class RunsCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", defaultValue = "runs", description = "The output folder (default: runs).")
  Path folder;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new UserInputException(folder + " is not a folder of runs");
    }
    ObjectMapper mapper = ConfigMapper.create();
    PrintWriter out = spec.commandLine().getOut();
    List<Path> runs;
    try (Stream<Path> entries = Files.list(folder)) {
      runs = entries.filter(p -> Files.isRegularFile(p.resolve("status.json"))).sorted().toList();
    }
    out.printf("%-40s %-12s %-20s %5s  %s%n", "run", "state", "started", "best", "test metrics");
    for (Path run : runs) {
      JsonNode status = read(mapper, run.resolve("status.json"));
      JsonNode metrics = read(mapper, run.resolve("metrics.json"));
      String started = status.path("started").asText("");
      out.printf("%-40s %-12s %-20s %5s  %s%n", run.getFileName(), status.path("state").asText("?"),
          started.length() > 19 ? started.substring(0, 19) : started,
          metrics.has("best_epoch") ? metrics.get("best_epoch").asText() : "-", keyMetrics(metrics.path("test")));
    }
    out.flush();
    return 0;
  }

  /** The first few metrics that are the model's own (not a baseline). */
  private static String keyMetrics(JsonNode test) {
    StringBuilder text = new StringBuilder();
    int shown = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = test.fields(); it.hasNext() && shown < 4; ) {
      Map.Entry<String, JsonNode> metric = it.next();
      if (!metric.getKey().startsWith("naive_")) {
        text.append(String.format("%s %.4f  ", metric.getKey(), metric.getValue().asDouble()));
        shown++;
      }
    }
    return text.toString().trim();
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return Files.isRegularFile(file) ? mapper.readTree(file.toFile()) : mapper.createObjectNode();
    } catch (IOException e) {
      return mapper.createObjectNode();
    }
  }
}
