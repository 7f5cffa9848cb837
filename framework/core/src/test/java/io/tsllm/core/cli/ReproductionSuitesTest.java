package io.tsllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.core.suite.SuiteReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped reproduction suites at CI size (one epoch of two steps a cell, so their verdicts mean nothing): every
 * cell of DLinear's suite (three seeds at every horizon) and PatchTST/42's (seed 2021), the paper protocol's drop-last
 * figures beside the full test set's, and the report's count of cells reproduced.
 */
class ReproductionSuitesTest {

  @TempDir Path temp;

  @Test
  void dlinearsSuiteRunsEveryCellAndJudgesEachAgainstThePaper() throws Exception {
    Path report = smokeRun("reproduce-dlinear-etth");
    String markdown = Files.readString(report.resolve(SuiteReport.MARKDOWN));
    assertTrue(markdown.matches("(?s).*\\*\\*[0-8] of 8\\*\\* paper-setup cells reproduced on mse.*"), markdown);
    assertTrue(markdown.contains("| etth2 horizon=96 | dlinear | DLinear | mse |"), markdown);
    assertTrue(markdown.contains("ours, full test set"), markdown);
    String results = Files.readString(report.resolve(SuiteReport.RESULTS));
    assertEquals(24, results.lines().filter(l -> l.contains(",completed,mse_drop_last,")).count(), results);
  }

  @Test
  void patchTstSuiteRunsTheTableOfPatchTst42Alone() throws Exception {
    Path report = smokeRun("reproduce-patchtst-etth", "--arms", "patchtst-42", "--cells", "*.seed-2021");
    String results = Files.readString(report.resolve(SuiteReport.RESULTS));
    assertEquals(8, results.lines().filter(l -> l.contains(",completed,mse,")).count(), results);
    String markdown = Files.readString(report.resolve(SuiteReport.MARKDOWN));
    assertTrue(markdown.contains("| etth1 horizon=96 | patchtst-42 | PatchTST/42 | mse |"), markdown);
    assertTrue(markdown.contains("etth1.patchtst-64.horizon-96.seed-2021 | not run"), markdown);
    assertTrue(markdown.contains("etth1.patchtst-42.horizon-96.seed-2022 | not run"), markdown);
  }

  private Path smokeRun(String suite, String... options) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("suite",
        Path.of("../../configs/suites/" + suite + ".json").toString(), "--output-dir", temp.toString(), "--quiet",
        "--set", "training.epochs=1", "--set", "training.max_train_steps=2", "--set", "training.threads=2"));
    args.addAll(java.util.List.of(options));
    CliRunner.Outcome outcome = new CliRunner().run(args.toArray(String[]::new));
    assertEquals(0, outcome.exitCode(), outcome.out() + outcome.err());
    return temp.resolve(suite);
  }
}
