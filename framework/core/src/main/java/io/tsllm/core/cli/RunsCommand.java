package io.tsllm.core.cli;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.report.KeyMetric;
import io.tsllm.core.report.RunPage;
import io.tsllm.core.report.RunsIndexPage;
import io.tsllm.core.run.RunDirectory;
import io.tsllm.core.run.RunMetrics;
import io.tsllm.core.run.RunState;
import io.tsllm.core.run.RunStatus;
import io.tsllm.core.suite.SuiteFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List the runs in an output folder (or a suite folder's cells) with their state and the head's key"
        + " test metrics beside its baselines.")
final class RunsCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "runs",
      description = "The output folder (default: runs).")
  Path folder;

  @Option(names = "--html", description = "Also write DIR/index.html, linking each run's report.html.")
  boolean html;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new UserInputException(folder + " is not a folder of runs");
    }
    JsonRecords records = new JsonRecords(ConfigMapper.create());
    PrintWriter out = spec.commandLine().getOut();
    Path runsFolder = folder;
    if (Files.isRegularFile(folder.resolve(SuiteFolder.PLAN)) && Files.isDirectory(folder.resolve(SuiteFolder.CELLS))) {
      // A suite's folder: its runs are its cells.
      runsFolder = folder.resolve(SuiteFolder.CELLS);
      out.printf(Locale.ROOT, "suite cells in %s%n", runsFolder);
    }
    List<Path> runs;
    try (Stream<Path> entries = Files.list(runsFolder)) {
      runs = entries.filter(p -> Files.isRegularFile(p.resolve(RunDirectory.STATUS))).sorted().toList();
    }
    out.printf(Locale.ROOT, "%-40s %-12s %-20s %5s  %s%n", "run", "state", "started", "best", "test metrics");
    List<RunsIndexPage.Entry> entries = new ArrayList<>();
    for (Path run : runs) {
      Optional<RunStatus> status = records.readIfPresent(run.resolve(RunDirectory.STATUS), RunStatus.class);
      Optional<RunMetrics> metrics = records.readIfPresent(run.resolve(RunDirectory.METRICS), RunMetrics.class);
      String started = status.map(RunStatus::started).orElse("");
      started = started.length() > 19 ? started.substring(0, 19) : started;
      // A run whose status says running but whose process is gone (killed, powered off) can be resumed.
      String state = status.map(s -> s.state() == RunState.RUNNING && !RunDirectory.isHeld(run) ? "stopped"
          : s.state().label()).orElse("?");
      String best = metrics.map(m -> String.valueOf(m.bestEpoch())).orElse("-");
      String summary = metrics.map(RunsCommand::summary).orElse("");
      out.printf(Locale.ROOT, "%-40s %-12s %-20s %5s  %s%n", run.getFileName(), state, started, best, summary);
      entries.add(new RunsIndexPage.Entry(run.getFileName().toString(), state, started, best,
          metrics.map(RunMetrics::keyMetrics).orElse(List.of()), summary,
          Files.isRegularFile(run.resolve(RunPage.FILE))));
    }
    if (html) {
      out.printf(Locale.ROOT, "index: %s%n", RunsIndexPage.write(runsFolder, entries));
    }
    out.flush();
    return 0;
  }

  /**
   * The key metrics the head declared, beside its baselines; for a run recorded without them, its first four
   * metrics that are not a baseline's (a key {@code x_k} where {@code k} is also a metric).
   */
  private static String summary(RunMetrics metrics) {
    if (!metrics.keyMetrics().isEmpty()) {
      return metrics.keyMetrics().stream().map(KeyMetric::format).collect(Collectors.joining("  "));
    }
    Set<String> names = metrics.test().keySet();
    return metrics.test().entrySet().stream()
        .filter(m -> !m.getKey().contains(".") && names.stream().noneMatch(
            other -> !other.equals(m.getKey()) && m.getKey().endsWith("_" + other)))
        .limit(4)
        .map(m -> String.format(Locale.ROOT, "%s %.4f", m.getKey(), m.getValue()))
        .collect(Collectors.joining("  "));
  }
}
