package io.tsllm.core.suite;

import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.run.RunDirectory;
import io.tsllm.core.run.RunMetrics;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one console line a cell gets when it ends: how it ended, its time, its key test metrics. */
final class SuiteConsole {

  private SuiteConsole() {}

  static String describe(CellOutcome outcome, SuiteFolder folder, JsonRecords records) {
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
    records.readIfPresent(folder.cell(outcome.cell()).resolve(RunDirectory.METRICS), RunMetrics.class)
        .filter(metrics -> !metrics.keyMetrics().isEmpty())
        .ifPresent(metrics -> line.append(metrics.keyMetrics().stream()
            .map(key -> String.format(Locale.ROOT, "%s %.4f", key.name(), key.value()))
            .collect(Collectors.joining(", ", " (", ")"))));
    return line.toString();
  }
}
