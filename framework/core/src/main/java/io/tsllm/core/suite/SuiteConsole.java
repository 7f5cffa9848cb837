package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one console line a cell gets when it ends: how it ended, its time, its key test metrics. */
final class SuiteConsole {

  private static final ObjectMapper MAPPER = ConfigMapper.create();

  private SuiteConsole() {}

  static String describe(CellOutcome outcome, SuiteFolder folder) {
    StringBuilder line = new StringBuilder(outcome.cell()).append(": ");
    if (!outcome.completed()) {
      String error = outcome.error() == null ? "" : outcome.error();
      int end = error.indexOf('\n');
      return line.append(outcome.action().equals("not run") ? "failed earlier, not retried (--retry-failed runs it):"
          : "FAILED:").append(' ').append(end < 0 ? error : error.substring(0, end)).toString();
    }
    line.append(switch (outcome.action()) {
      case "skipped" -> "completed earlier";
      case "resumed" -> String.format(Locale.ROOT, "resumed and completed in %.1f min", outcome.seconds() / 60);
      case "retried" -> String.format(Locale.ROOT, "retried and completed in %.1f min", outcome.seconds() / 60);
      default -> String.format(Locale.ROOT, "completed in %.1f min", outcome.seconds() / 60);
    });
    Path metrics = folder.cell(outcome.cell()).resolve(RunDirectory.METRICS);
    if (Files.isRegularFile(metrics)) {
      try {
        List<String> keys = new ArrayList<>();
        for (JsonNode key : MAPPER.readTree(metrics.toFile()).path("key_metrics")) {
          keys.add(String.format(Locale.ROOT, "%s %.4f", key.path("name").asText(), key.path("value").asDouble()));
        }
        if (!keys.isEmpty()) {
          line.append(" (").append(String.join(", ", keys)).append(')');
        }
      } catch (IOException e) {
        // the line goes without metrics; the report reads them again
      }
    }
    return line.toString();
  }
}
