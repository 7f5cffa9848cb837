package io.tsllm.core.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code index.html} of a folder of runs: one row per run, linking its {@code report.html}. */
public final class RunsIndexPage {

  public static final String FILE = "index.html";

  /**
   * One run of the folder.
   *
   * @param report whether the run has a {@code report.html} to link
   */
  public record Entry(String run, String state, String started, String bestEpoch, List<KeyMetric> keyMetrics,
      String metricsFallback, boolean report) {}

  private RunsIndexPage() {}

  public static Path write(Path folder, List<Entry> entries) {
    Html page = new Html("tsllm runs in " + folder.getFileName());
    page.heading(1, "Runs in " + folder.toAbsolutePath());
    List<List<String>> rows = new ArrayList<>();
    for (Entry entry : entries) {
      String metrics = entry.keyMetrics().isEmpty() ? Html.escape(entry.metricsFallback())
          : entry.keyMetrics().stream().map(k -> (k.beatsBaselines() ? "<b>" : "") + Html.escape(k.format())
              + (k.beatsBaselines() ? "</b>" : "")).collect(Collectors.joining("<br>"));
      rows.add(List.of(
          "<td>" + (entry.report() ? Html.link(entry.run() + "/" + RunPage.FILE, entry.run())
              : Html.escape(entry.run())) + "</td>",
          Html.cell(entry.state(), "state-" + entry.state()), Html.cell(entry.started()), Html.cell(entry.bestEpoch()),
          "<td style=\"text-align:left\">" + metrics + "</td>"));
    }
    page.table(List.of("run", "state", "started", "best epoch", "test metrics (baselines)"), rows);
    page.paragraph("A bold line beats every baseline the head declared.", "muted");
    return page.write(folder.resolve(FILE));
  }
}
