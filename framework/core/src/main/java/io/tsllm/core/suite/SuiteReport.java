package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.io.AtomicFiles;
import io.tsllm.core.report.Html;
import io.tsllm.core.train.CpuFeatures;
import io.tsllm.spi.MetricSpec.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a suite's report from its cells' run folders: {@code results.csv}, {@code summary.csv}, {@code report.md}
 * and a self-contained {@code report.html} (plots inlined), with the comparison against published figures and the
 * ablation table (each arm against the reference arm, wins and losses counted over settings, as Tan et al.,
 * NeurIPS 2024, count them).
 */
public final class SuiteReport {

  public static final String RESULTS = "results.csv";
  public static final String SUMMARY = "summary.csv";
  public static final String MARKDOWN = "report.md";
  public static final String HTML = "report.html";
  public static final String PLOTS = "plots";

  private final ObjectMapper mapper;

  public SuiteReport(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Marks a table cell as out of tolerance: bold in Markdown, red in HTML. */
  private static final String FLAGGED = "!!";

  /**
   * A table of already formatted cells, rendered as Markdown and as HTML; a cell in {@code **...**} is its row's
   * best, one starting with {@link #FLAGGED} is out of tolerance.
   */
  record Table(String title, String note, List<String> header, List<List<String>> rows) {}

  /** Writes every report file into the suite folder; returns the results collected. */
  public SuiteResults write(SuitePlan plan, SuiteFolder folder) {
    SuiteResults results = SuiteResults.collect(plan, folder, mapper);
    folder.write(RESULTS, results.resultsCsv());
    folder.write(SUMMARY, results.summaryCsv());
    SuiteDefinition suite = plan.definition();
    PublishedFigures published = suite.compare() == null ? null
        : PublishedFigures.read(suite.compare().published(), mapper);
    List<String> overview = new ArrayList<>(overview(results, plan));
    List<Table> tables = new ArrayList<>();
    tables.addAll(metricTables(results));
    tables.addAll(ablationTables(results));
    List<String> notes = new ArrayList<>();
    if (published != null) {
      List<String> verdicts = new ArrayList<>();
      tables.addAll(comparisonTables(results, published, notes, verdicts));
      overview.addAll(0, verdicts);
    }
    Table failures = failures(results);
    if (failures != null) {
      tables.add(0, failures);
    }
    List<Path> plots = plots(results, published, folder);
    folder.write(MARKDOWN, markdown(suite, overview, tables, notes, plots, folder));
    folder.write(HTML, html(suite, overview, tables, notes, plots));
    return results;
  }

  private static List<String> overview(SuiteResults results, SuitePlan plan) {
    SuiteDefinition suite = plan.definition();
    long completed = results.cells().stream().filter(c -> c.state().equals("completed")).count();
    List<String> lines = new ArrayList<>();
    if (!suite.description().isEmpty()) {
      lines.add(suite.description());
    }
    lines.add(String.format(Locale.ROOT, "%d cells (%d experiment(s) x %d arm(s) x %d setting(s) x %d seed(s)); %d"
        + " completed.", plan.cells().size(), suite.experiments().size(), suite.arms().size(),
        results.settings().size() / Math.max(1, suite.experiments().size()), suite.seeds().size(), completed)
        + suite.extraSeeds().stream().map(extra -> String.format(Locale.ROOT, " Extra seeds %s where %s.",
            extra.seeds(), extra.when())).collect(java.util.stream.Collectors.joining()));
    lines.add("Suite file: " + suite.file() + (plan.overrides().isEmpty() ? "" : "; every cell with --set "
        + String.join(" --set ", plan.overrides())) + ".");
    lines.add("Reference arm: " + suite.referenceArm() + ". Values are the mean ± sample standard deviation over"
        + " seeds " + suite.seeds() + (suite.extraSeeds().isEmpty() ? "" : " and the extra seeds where they ran")
        + ".");
    lines.add("Report written on " + CpuFeatures.detect().model() + " (" + Runtime.getRuntime().availableProcessors()
        + " cores); each cell's own machine and timing are in its provenance.json.");
    for (SuiteDefinition.Arm arm : suite.arms()) {
      if (!arm.paperSetup()) {
        lines.add("Arm " + arm.name() + " does not reproduce the paper's setup" + (arm.note().isEmpty() ? ""
            : " (" + arm.note() + ")") + ": beside published figures it is shown for context only, labelled, and never"
            + " counted as reproducing them or not.");
      }
    }
    return lines;
  }

  private static Table failures(SuiteResults results) {
    List<List<String>> rows = new ArrayList<>();
    for (SuiteResults.CellResult cell : results.unfinished()) {
      rows.add(List.of(cell.cell().id(), cell.state(), cell.error() == null ? "" : firstLine(cell.error())));
    }
    return rows.isEmpty() ? null : new Table("Cells without results", "Rerun the suite to resume interrupted cells;"
        + " --retry-failed runs failed ones again.", List.of("cell", "state", "error"), rows);
  }

  private static List<Table> metricTables(SuiteResults results) {
    List<Table> tables = new ArrayList<>();
    List<String> arms = arms(results);
    for (String metric : results.reportMetrics()) {
      Direction direction = results.direction(metric);
      List<String> header = new ArrayList<>(List.of("setting"));
      header.addAll(arms);
      List<List<String>> rows = new ArrayList<>();
      for (SuiteCell setting : results.settings()) {
        List<String> row = new ArrayList<>(List.of(setting.settingLabel()));
        String best = best(results, setting, metric, arms, direction);
        for (String arm : arms) {
          SuiteResults.Summary s = results.summary(setting.experiment(), arm, setting.settingLabel(), metric);
          row.add(s == null ? "-" : (arm.equals(best) ? "**" : "") + meanStd(s) + (arm.equals(best) ? "**" : ""));
        }
        rows.add(row);
      }
      tables.add(new Table("Test " + metric, direction == null ? "" : (direction == Direction.LOWER_IS_BETTER
          ? "Lower is better" : "Higher is better") + "; the best arm of each setting in bold.", header, rows));
    }
    return tables;
  }

  private static List<Table> ablationTables(SuiteResults results) {
    List<Table> tables = new ArrayList<>();
    String reference = results.plan().definition().referenceArm();
    List<String> arms = arms(results);
    if (arms.size() < 2) {
      return tables;
    }
    for (String metric : results.reportMetrics()) {
      Direction direction = results.direction(metric);
      if (direction == null) {
        continue;
      }
      List<List<String>> rows = new ArrayList<>();
      for (String arm : arms) {
        if (arm.equals(reference)) {
          continue;
        }
        int wins = 0;
        int losses = 0;
        int ties = 0;
        int compared = 0;
        List<double[]> pairs = new ArrayList<>();
        for (SuiteCell setting : results.settings()) {
          SuiteResults.Summary mine = results.summary(setting.experiment(), arm, setting.settingLabel(), metric);
          SuiteResults.Summary theirs =
              results.summary(setting.experiment(), reference, setting.settingLabel(), metric);
          if (mine == null || theirs == null) {
            continue;
          }
          compared++;
          pairs.add(new double[] {mine.mean(), theirs.mean()});
          if (direction.better(mine.mean(), theirs.mean())) {
            wins++;
          } else if (direction.better(theirs.mean(), mine.mean())) {
            losses++;
          } else {
            ties++;
          }
        }
        rows.add(List.of(arm, String.valueOf(compared), String.valueOf(wins), String.valueOf(losses),
            String.valueOf(ties), meanChange(pairs)));
      }
      tables.add(new Table("Ablation on " + metric + ": each arm against " + reference, "Counted over settings on"
          + " the mean over seeds; \"better\" follows the metric's direction. Mean change is the average relative"
          + " difference of the arm's " + metric + " to " + reference + "'s.", List.of("arm", "settings",
          "better than " + reference, "worse", "ties", "mean change"), rows));
    }
    return tables;
  }

  /**
   * The average relative difference of {@code [arm, reference]} means, over the settings whose reference is not
   * zero (a relative change to zero is undefined); "-" when there are none, and the count when some were left out.
   */
  static String meanChange(List<double[]> pairs) {
    double relative = 0;
    int counted = 0;
    for (double[] pair : pairs) {
      if (pair[1] != 0) {
        relative += (pair[0] - pair[1]) / Math.abs(pair[1]);
        counted++;
      }
    }
    if (counted == 0) {
      return "-";
    }
    String change = String.format(Locale.ROOT, "%+.1f%%", 100 * relative / counted);
    return counted == pairs.size() ? change
        : change + " (over the " + counted + " of " + pairs.size() + " settings with a non-zero reference)";
  }

  private List<Table> comparisonTables(SuiteResults results, PublishedFigures published, List<String> notes,
      List<String> verdicts) {
    SuiteDefinition suite = results.plan().definition();
    SuiteDefinition.Comparison compare = suite.compare();
    double tolerance = compare.tolerance();
    String suffix = compare.metricSuffix();
    List<List<String>> rows = new ArrayList<>();
    List<List<String>> averages = new ArrayList<>();
    int judged = 0;
    int reproduced = 0;
    String judgedMetric = null;
    for (SuiteDefinition.Arm arm : suite.arms()) {
      String method = arm.method(compare);
      String notComparable = "no: not the paper's setup (see above)";
      for (String experiment : suite.experiments().keySet()) {
        String dataset = compare.datasets().get(experiment);
        if (dataset == null) {
          continue;
        }
        for (String metric : results.reportMetrics()) {
          if (!suffix.isEmpty() && metric.endsWith(suffix)) {
            continue;  // shown beside its full-test-set metric
          }
          judgedMetric = judgedMetric == null ? metric : judgedMetric;
          List<Double> ourMeans = new ArrayList<>();
          List<Double> paperRows = new ArrayList<>();
          Map<String, JsonNode> lastSetting = null;
          for (SuiteCell setting : results.settings()) {
            if (!setting.experiment().equals(experiment)) {
              continue;
            }
            SuiteResults.Summary full = results.summary(experiment, arm.name(), setting.settingLabel(), metric);
            SuiteResults.Summary ours = suffix.isEmpty() ? full
                : results.summary(experiment, arm.name(), setting.settingLabel(), metric + suffix);
            Map<String, JsonNode> values = settingValues(results, setting, arm.name(), compare);
            if (ours == null || values == null) {
              continue;
            }
            lastSetting = values;
            ourMeans.add(ours.mean());
            var figure = published.find(method, compare.task(), dataset, values, metric);
            if (figure.isEmpty()) {
              continue;
            }
            double paper = figure.get().value();
            paperRows.add(paper);
            double delta = (ours.mean() - paper) / paper;
            boolean withinSeeds =
                ours.seeds() > 1 && Math.abs(ours.mean() - paper) <= compare.seedSigmas() * ours.std();
            boolean ok = Math.abs(delta) <= tolerance || withinSeeds;
            if (arm.paperSetup() && metric.equals(judgedMetric)) {
              judged++;
              reproduced += ok ? 1 : 0;
            }
            List<String> row = new ArrayList<>(List.of(setting.settingLabel(), arm.name(), method, metric,
                meanStd(ours)));
            if (!suffix.isEmpty()) {
              row.add(full == null ? "-" : meanStd(full));
            }
            row.addAll(List.of(format(paper), String.format(Locale.ROOT, "%+.1f%%", 100 * delta),
                String.valueOf(ours.seeds()), !arm.paperSetup() ? notComparable
                    : ok ? (Math.abs(delta) <= tolerance ? "reproduced" : "reproduced (within "
                        + plain(compare.seedSigmas()) + " sd of the seeds)") : FLAGGED + "not reproduced",
                figure.get().source()));
            rows.add(row);
          }
          if (lastSetting == null) {
            continue;
          }
          for (PublishedFigures.Figure average :
              published.averages(method, compare.task(), dataset, lastSetting, metric)) {
            String printed = format(average.value()) + (average.inconsistent()
                ? " (its rows average " + format(average.rowsMean()) + ")" : "");
            double ours = ourMeans.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            // Against the paper's own rows for the settings this suite ran when it has them (a suite of two
            // horizons is not comparable with a four-horizon average), else against the printed average.
            boolean sameSettings = !paperRows.isEmpty() && paperRows.size() == ourMeans.size();
            double reference = sameSettings
                ? paperRows.stream().mapToDouble(Double::doubleValue).average().orElseThrow() : average.value();
            String delta = reference == 0 ? "-"
                : String.format(Locale.ROOT, "%+.1f%%", 100 * (ours - reference) / reference);
            averages.add(List.of(experiment, arm.name(), metric, ourMeans.size() + ": " + format(ours),
                sameSettings ? format(reference) : "-", printed, delta
                    + (sameSettings ? "" : " (vs printed)"), arm.paperSetup() ? "" : notComparable,
                average.source()));
          }
        }
      }
    }
    for (PublishedFigures.Figure figure : published.inconsistencies()) {
      if (compare.datasets().containsValue(figure.dataset()) && suite.arms().stream()
          .anyMatch(arm -> arm.method(compare).equals(figure.method()))) {
        notes.add(String.format(Locale.ROOT, "%s prints %s %s %s = %s for %s (%s), but its rows average %s; both"
            + " are shown.", figure.paper(), figure.dataset(), figure.metric(), figure.setting(),
            format(figure.value()), figure.method(), figure.source(), format(figure.rowsMean())));
      }
    }
    List<Table> tables = new ArrayList<>();
    List<String> methods = suite.arms().stream().map(arm -> arm.method(compare)).distinct().toList();
    String source = methods.stream().map(m -> published.all().stream().filter(f -> f.method().equals(m)).findFirst()
        .map(f -> f.paper() + ", " + f.url()).orElse("no registry entry for " + m)).distinct()
        .collect(java.util.stream.Collectors.joining("; "));
    String protocol = suffix.isEmpty() ? "" : " \"ours\" is measured as the paper's code measures it (metric "
        + "suffix " + suffix + "); \"ours, full test set\" scores every test window.";
    String rule = String.format(Locale.ROOT, "reproduced when within ±%.0f%% of the published value, or, where "
        + "several seeds ran, when the published value lies within %s standard deviations of their mean",
        100 * tolerance, plain(compare.seedSigmas()));
    List<String> header = new ArrayList<>(List.of("setting", "arm", "method", "metric", "ours"));
    if (!suffix.isEmpty()) {
      header.add("ours, full test set");
    }
    header.addAll(List.of("published", "delta", "seeds", "verdict", "source"));
    tables.add(new Table("Against the published " + String.join(", ", methods) + " figures", "Source: " + source
        + ". A result counts as " + rule + "." + protocol + " Arms that do not reproduce the paper's setup are shown"
        + " for context and labelled, never counted as reproduced or not.", header, rows));
    if (judged > 0) {
      verdicts.add(String.format(Locale.ROOT, "**%d of %d** paper-setup cells reproduced on %s (%s).", reproduced,
          judged, judgedMetric, rule));
    }
    if (!averages.isEmpty()) {
      tables.add(new Table("Averages against the published averages", "Ours: the mean over the settings this suite"
          + " ran (their number first). The delta is against the paper's own rows for those same settings where it"
          + " has them, else against its printed average, which spans all of the paper's settings.",
          List.of("experiment", "arm", "metric", "ours", "paper, same settings", "paper's printed average", "delta",
              "comparable", "source"), averages));
    }
    return tables;
  }

  private static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** The registry settings of a cell's setting, read from a completed cell's resolved experiment. */
  private static Map<String, JsonNode> settingValues(SuiteResults results, SuiteCell setting, String arm,
      SuiteDefinition.Comparison compare) {
    for (SuiteResults.CellResult cell : results.cells()) {
      if (cell.config() != null && cell.cell().arm().equals(arm)
          && cell.cell().settingLabel().equals(setting.settingLabel())) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        compare.settings().forEach((name, path) -> values.put(name, cell.config().at("/" + path.replace('.', '/'))));
        return values;
      }
    }
    return null;
  }

  private List<Path> plots(SuiteResults results, PublishedFigures published, SuiteFolder folder) {
    List<Path> files = new ArrayList<>();
    SuiteDefinition suite = results.plan().definition();
    Path dir = folder.path().resolve(PLOTS);
    try {
      Files.createDirectories(dir);
      for (String experiment : suite.experiments().keySet()) {
        List<SuiteCell> settings = results.settings().stream().filter(s -> s.experiment().equals(experiment))
            .toList();
        List<String> labels = settings.stream().map(s -> s.settingLabel().substring(experiment.length()).trim())
            .map(label -> label.isEmpty() ? "all" : label).toList();
        for (String metric : results.reportMetrics()) {
          Map<String, double[][]> arms = new LinkedHashMap<>();
          for (String arm : arms(results)) {
            double[][] values = new double[settings.size()][];
            boolean any = false;
            for (int i = 0; i < settings.size(); i++) {
              SuiteResults.Summary s = results.summary(experiment, arm, settings.get(i).settingLabel(), metric);
              if (s != null) {
                values[i] = new double[] {s.mean(), s.std()};
                any = true;
              }
            }
            if (any) {
              arms.put(arm, values);
            }
          }
          if (arms.isEmpty()) {
            continue;
          }
          List<Double> paper = new ArrayList<>();
          String dataset = suite.compare() == null ? null : suite.compare().datasets().get(experiment);
          // Settings such as the horizon are the same in every arm; the paper's value is marked whichever arm ran.
          SuiteDefinition.Arm paperArmDefinition = suite.arms().stream().filter(SuiteDefinition.Arm::paperSetup)
              .findFirst().orElse(null);
          String paperArm = paperArmDefinition == null ? suite.referenceArm() : paperArmDefinition.name();
          String paperMethod = suite.compare() == null ? "" : paperArmDefinition == null ? suite.compare().method()
              : paperArmDefinition.method(suite.compare());
          for (SuiteCell setting : settings) {
            Double value = null;
            if (dataset != null && paperArm != null) {
              Map<String, JsonNode> values = settingValues(results, setting, paperArm, suite.compare());
              if (values != null) {
                value = published.find(paperMethod, suite.compare().task(), dataset, values, metric)
                    .map(PublishedFigures.Figure::value).orElse(null);
              }
            }
            paper.add(value);
          }
          String name = experiment + "-" + metric + ".png";
          Path temporary = dir.resolve("." + name + ".tmp.png");
          SuitePlot.write(temporary, experiment + ": test " + metric + " (mean ± std over seeds)", metric, labels,
              arms, paper, suite.compare() == null ? "published" : "published " + paperMethod);
          AtomicFiles.move(temporary, dir.resolve(name));
          files.add(dir.resolve(name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the suite's plots under " + dir, e);
    }
    return files;
  }

  private static String markdown(SuiteDefinition suite, List<String> overview, List<Table> tables,
      List<String> notes, List<Path> plots, SuiteFolder folder) {
    StringBuilder md = new StringBuilder("# Suite ").append(suite.name()).append("\n\n");
    overview.forEach(line -> md.append(line).append("\n\n"));
    for (Table table : tables) {
      md.append("## ").append(table.title()).append("\n\n");
      if (!table.note().isEmpty()) {
        md.append(table.note()).append("\n\n");
      }
      md.append("| ").append(String.join(" | ", table.header())).append(" |\n|");
      table.header().forEach(h -> md.append("---|"));
      md.append('\n');
      for (List<String> row : table.rows()) {
        md.append("| ").append(String.join(" | ", row.stream().map(c -> c.startsWith(FLAGGED)
            ? "**" + c.substring(FLAGGED.length()) + "**" : c).map(c -> c.replace("|", "\\|")).toList()))
            .append(" |\n");
      }
      md.append('\n');
    }
    if (!notes.isEmpty()) {
      md.append("## Notes on the published figures\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
      md.append('\n');
    }
    if (!plots.isEmpty()) {
      md.append("## Plots\n\n");
      plots.forEach(p -> md.append("![").append(p.getFileName()).append("](")
          .append(folder.path().relativize(p)).append(")\n\n"));
    }
    return md.toString();
  }

  private static String html(SuiteDefinition suite, List<String> overview, List<Table> tables, List<String> notes,
      List<Path> plots) {
    Html page = new Html("Suite " + suite.name());
    page.heading(1, "Suite " + suite.name());
    overview.forEach(line -> page.paragraph(line, null));
    for (Table table : tables) {
      page.heading(2, table.title());
      if (!table.note().isEmpty()) {
        page.paragraph(table.note(), "muted");
      }
      List<List<String>> rows = new ArrayList<>();
      for (List<String> row : table.rows()) {
        rows.add(row.stream().map(SuiteReport::htmlCell).toList());
      }
      page.table(table.header(), rows);
    }
    if (!notes.isEmpty()) {
      page.heading(2, "Notes on the published figures");
      notes.forEach(n -> page.paragraph(n, null));
    }
    if (!plots.isEmpty()) {
      page.heading(2, "Plots");
      plots.forEach(page::image);
    }
    return page.build();
  }

  private static String htmlCell(String cell) {
    if (cell.startsWith(FLAGGED)) {
      return Html.cell(cell.substring(FLAGGED.length()), "state-failed");
    }
    if (cell.startsWith("**") && cell.endsWith("**") && cell.length() > 4) {
      return Html.cell(cell.substring(2, cell.length() - 2), "better");
    }
    return Html.cell(cell);
  }

  private static List<String> arms(SuiteResults results) {
    return results.plan().definition().arms().stream().map(SuiteDefinition.Arm::name).toList();
  }

  private static String best(SuiteResults results, SuiteCell setting, String metric, List<String> arms,
      Direction direction) {
    if (direction == null) {
      return null;
    }
    String best = null;
    double value = Double.NaN;
    for (String arm : arms) {
      SuiteResults.Summary s = results.summary(setting.experiment(), arm, setting.settingLabel(), metric);
      if (s != null && (best == null || direction.better(s.mean(), value))) {
        best = arm;
        value = s.mean();
      }
    }
    return best;
  }

  private static String meanStd(SuiteResults.Summary s) {
    return s.seeds() > 1 ? String.format(Locale.ROOT, "%s ± %s", format(s.mean()), format(s.std()))
        : format(s.mean());
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.4f", value);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
