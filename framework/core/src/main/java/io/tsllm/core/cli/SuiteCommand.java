package io.tsllm.core.cli;

import io.tsllm.core.UserInputException;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.suite.CellOutcome;
import io.tsllm.core.suite.LocalSuiteRunner;
import io.tsllm.core.suite.SuiteCell;
import io.tsllm.core.suite.SuiteDefinition;
import io.tsllm.core.suite.SuiteEstimate;
import io.tsllm.core.suite.SuiteFolder;
import io.tsllm.core.suite.SuiteJob;
import io.tsllm.core.suite.SuitePlan;
import io.tsllm.core.suite.SuiteReport;
import io.tsllm.core.suite.SuiteResults;
import io.tsllm.core.train.CpuFeatures;
import io.tsllm.core.train.TrainingInterruptedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "suite",
    mixinStandardHelpOptions = true,
    description = {"Run a suite: a grid of experiments x arms x axis values x seeds, each cell an ordinary run folder"
        + " under OUTPUT_DIR/<suite name>/cells/, then write results.csv, summary.csv, report.md and report.html"
        + " there, compared with published figures.",
        "Every cell is checked before any runs. Running the same suite again skips completed cells and resumes"
            + " interrupted or killed ones; Ctrl-C stops at resumable checkpoints."})
final class SuiteCommand implements Callable<Integer> {

  static final int SOME_FAILED = 1;
  private static final long STOP_WAIT_SECONDS = 300;
  private static final int TIMED_STEPS = 3;

  static final class Target {
    @Parameters(paramLabel = "SUITE", description = "The suite JSON file.")
    Path suite;

    @Option(names = "--report", paramLabel = "SUITE_DIR",
        description = "Only (re)write the report of this suite folder from what its cells recorded so far.")
    Path report;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "runs",
      description = "Where the suite's folder goes (default: runs); the suite's name names the folder.")
  Path outputDir;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Change a field of every cell's experiment, checked as run --set checks it, e.g. --set"
          + " training.epochs=1 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--arms", paramLabel = "ARM", split = ",",
      description = "Run only the cells of these arms (the report covers every cell; rerun without it for the rest).")
  List<String> arms = new ArrayList<>();

  @Option(names = "--cells", paramLabel = "GLOB", split = ",",
      description = "Run only the cells whose names match one of these patterns ('*' any characters), e.g."
          + " '*.seed-2021' (the report covers every cell; rerun without it for the rest).")
  List<String> cellPatterns = new ArrayList<>();

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
      description = "Cells run at a time on this machine, the cores split between them (default 1).")
  int parallel;

  @Option(names = "--threads-per-cell", paramLabel = "N", defaultValue = "0",
      description = "TensorFlow threads per cell (default: the cores divided by --parallel; 1 cell uses all).")
  int threadsPerCell;

  @Option(names = "--dry-run", description = "Check every cell, then print the cells with their training steps and"
      + " an estimated time from " + TIMED_STEPS + " timed steps of each distinct experiment; runs nothing.")
  boolean dryRun;

  @Option(names = "--retry-failed", description = "Run cells that failed in an earlier invocation again (their"
      + " failed run folders are kept under failed/).")
  boolean retryFailed;

  @Option(names = "--quiet", description = "Only one line per cell, warnings and errors on the console (each cell's"
      + " run.log keeps everything).")
  boolean quiet;

  @Mixin PluginOptions pluginOptions;

  @Spec CommandSpec spec;

  private final Main main;

  SuiteCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    if (parallel < 1) {
      throw new UserInputException("--parallel: " + parallel + " (expected an integer >= 1)");
    }
    if (threadsPerCell < 0) {
      throw new UserInputException("--threads-per-cell: " + threadsPerCell + " (expected an integer >= 0)");
    }
    var injector = Injectors.create(pluginOptions.locations(main.environment()));
    SuiteJob job = injector.getInstance(SuiteJob.class);
    PrintWriter out = spec.commandLine().getOut();
    if (target.report != null) {
      SuiteFolder folder = new SuiteFolder(target.report, injector.getInstance(
          com.fasterxml.jackson.databind.ObjectMapper.class));
      SuiteResults results = job.report(job.recorded(folder), folder);
      printReport(out, folder, results);
      return 0;
    }
    List<String> armNames = job.armNames(target.suite);
    for (String arm : arms) {
      if (!armNames.contains(arm)) {
        throw new UserInputException("--arms: \"" + arm + "\" (expected arms of the suite: " + armNames + ")");
      }
    }
    List<java.util.regex.Pattern> patterns = cellPatterns.stream().map(SuiteCommand::glob).toList();
    Predicate<SuiteCell> selected = cell -> (arms.isEmpty() || arms.contains(cell.arm()))
        && (patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(cell.id()).matches()));
    SuiteJob.Planned planned = job.plan(target.suite, overrides, selected);
    SuitePlan plan = planned.plan();
    if (dryRun) {
      return dryRun(injector.getInstance(SuiteEstimate.class), plan, selected, out);
    }
    SuiteFolder folder = job.folder(planned, outputDir);
    out.printf(Locale.ROOT, "suite %s: %d cells in %s%n", plan.definition().name(), plan.cells().size(), folder.path());
    out.flush();
    if (parallel > 1 || quiet) {
      ConsoleVerbosity.warningsOnly(false);
    }
    LocalSuiteRunner runner = injector.getInstance(LocalSuiteRunner.class);
    Thread hook = new Thread(() -> runner.stop(STOP_WAIT_SECONDS), "tsllm-suite-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    List<CellOutcome> outcomes;
    try {
      outcomes = runner.run(plan, folder, parallel, threadsPerCell, retryFailed,
          selected, line -> {
        out.println(line);
        out.flush();
      });
    } catch (TrainingInterruptedException e) {
      job.report(plan, folder);
      out.printf(Locale.ROOT, "stopped; the report so far is in %s; run the same command again to go on%n",
          folder.path());
      out.flush();
      return RunCommand.INTERRUPTED;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook is stopping the cells
      }
    }
    SuiteResults results = job.report(plan, folder);
    printReport(out, folder, results);
    long failed = outcomes.stream().filter(o -> !o.completed()).count();
    if (failed > 0) {
      out.printf(Locale.ROOT, "%d of %d cells failed (listed in the report); --retry-failed runs them again%n", failed,
          outcomes.size());
      out.flush();
      return SOME_FAILED;
    }
    return 0;
  }

  /** A cell-name pattern: '*' stands for any characters, everything else for itself. */
  static java.util.regex.Pattern glob(String pattern) {
    return java.util.regex.Pattern.compile(java.util.Arrays.stream(pattern.split("\\*", -1))
        .map(part -> part.isEmpty() ? "" : java.util.regex.Pattern.quote(part))
        .collect(java.util.stream.Collectors.joining(".*")));
  }

  private int dryRun(SuiteEstimate estimate, SuitePlan plan, Predicate<SuiteCell> selected, PrintWriter out) {
    out.printf(Locale.ROOT, "%s is valid: %d cells. Timing %d steps of each distinct experiment on %s...%n",
        plan.definition().file(), plan.cells().size(), TIMED_STEPS, CpuFeatures.detect().model());
    out.flush();
    var estimates = estimate.estimate(plan, TIMED_STEPS, selected);
    out.printf(Locale.ROOT, "%-60s %8s %10s %10s%n", "cell", "steps", "s/step", "est. min");
    double total = 0;
    for (var e : estimates) {
      out.printf(Locale.ROOT, "%-60s %8d %10.3f %10.1f%n", e.cell().id(), e.steps(), e.stepSeconds(),
          e.seconds() / 60);
      total += e.seconds();
    }
    out.printf(Locale.ROOT, "total: about %.1f min one cell at a time on this machine (%.1f h)%n", total / 60,
        total / 3600);
    out.flush();
    return 0;
  }

  private static void printReport(PrintWriter out, SuiteFolder folder, SuiteResults results) {
    out.printf(Locale.ROOT, "report: %s (and %s, %s, %s)%n", folder.path().resolve(SuiteReport.HTML),
        SuiteReport.MARKDOWN,
        SuiteReport.RESULTS, SuiteReport.SUMMARY);
    out.flush();
  }
}
