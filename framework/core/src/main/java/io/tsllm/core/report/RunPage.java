package io.tsllm.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.tsllm.core.model.ParameterTable;
import io.tsllm.core.train.EpochRecord;
import io.tsllm.spi.Baseline;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.ParameterRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code report.html}: one self-contained page per run (no network, images inline): the experiment, the test
 * metrics beside the baselines the head declared with the better value marked, the per-epoch figures, and every
 * plot the run left.
 */
public final class RunPage {

  public static final String FILE = "report.html";

  /**
   * What the page shows.
   *
   * @param config the resolved experiment, by section
   * @param test the head's test metrics
   */
  public record Content(
      String run, String state, String started, String ended, JsonNode config, ParameterTable parameters,
      HeadContract contract, Map<String, Double> test, List<KeyMetric> keyMetrics, Map<String, Double> calibration,
      List<EpochRecord> epochs, int bestEpoch, int testWindows) {}

  private RunPage() {}

  /** Writes {@value #FILE} into {@code folder} (atomically), inlining the folder's plots. */
  public static Path write(Path folder, Content content) {
    Html page = new Html(content.run() + " - tsllm run");
    page.heading(1, content.run());
    page.raw("<p>state <b class=\"state-" + Html.escape(content.state()) + "\">" + Html.escape(content.state())
        + "</b>, started " + Html.escape(content.started()) + (content.ended() == null ? ""
        : ", ended " + Html.escape(content.ended())) + "</p>\n");
    experiment(page, content);
    metrics(page, content);
    epochs(page, content);
    plots(page, folder);
    page.paragraph("Files: config.json (the experiment as it ran), provenance.json (versions, data fingerprints),"
        + " metrics.json, run.log, saved_model/ (the export).", "muted");
    return page.write(folder.resolve(FILE));
  }

  private static void experiment(Html page, Content content) {
    page.heading(2, "Experiment");
    List<List<String>> rows = new ArrayList<>();
    for (String section : List.of("data", "embedder", "backbone", "head", "training")) {
      JsonNode fields = content.config().path(section);
      if (fields.isObject()) {
        rows.add(List.of(Html.cell(section), "<td style=\"text-align:left\">" + Html.escape(describe(fields))
            + "</td>"));
      }
    }
    rows.add(List.of(Html.cell("seed"), Html.cell(content.config().path("seed").asText())));
    page.table(List.of("section", "settings"), rows);
    ParameterTable parameters = content.parameters();
    List<List<String>> counts = new ArrayList<>();
    for (ParameterRole role : ParameterRole.values()) {
      long trainable = parameters.trainable().getOrDefault(role, 0L);
      long frozen = parameters.frozen().getOrDefault(role, 0L);
      if (trainable + frozen > 0) {
        counts.add(List.of(Html.cell(role.name().toLowerCase(Locale.ROOT)), Html.cell(String.valueOf(trainable)),
            Html.cell(String.valueOf(frozen))));
      }
    }
    counts.add(List.of(Html.cell("total"), Html.cell(String.valueOf(parameters.totalTrainable())),
        Html.cell(String.valueOf(parameters.totalFrozen()))));
    page.heading(3, "Parameters");
    page.table(List.of("role", "trainable", "frozen"), counts);
  }

  /** {@code key: value, ...} of a config section, its plugin's type first. */
  private static String describe(JsonNode fields) {
    List<String> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isNull()) {
        String value = field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString();
        parts.add(field.getKey() + ": " + value);
      }
    }
    return String.join(", ", parts);
  }

  private static void metrics(Html page, Content content) {
    page.heading(2, "Test metrics (" + content.testWindows() + " windows, best epoch " + content.bestEpoch() + ")");
    HeadContract contract = content.contract();
    List<Baseline> baselines = contract.baselines();
    List<String> header = new ArrayList<>(List.of("metric", "model"));
    baselines.forEach(b -> header.add(b.label()));
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Double> metric : content.test().entrySet()) {
      String name = metric.getKey();
      if (name.contains(".") || baselines.stream().anyMatch(b -> name.startsWith(b.prefix()))) {
        continue;
      }
      MetricSpec spec = contract.metric(name).orElse(null);
      boolean beats = spec != null && baselines.stream().map(b -> content.test().get(b.key(name)))
          .filter(v -> v != null).allMatch(v -> spec.direction().better(metric.getValue(), v))
          && baselines.stream().anyMatch(b -> content.test().containsKey(b.key(name)));
      List<String> row = new ArrayList<>();
      row.add(spec != null && spec.key() ? "<td><b>" + Html.escape(name) + "</b></td>" : Html.cell(name));
      row.add(Html.cell(format(metric.getValue()), beats ? "better" : null));
      for (Baseline baseline : baselines) {
        Double value = content.test().get(baseline.key(name));
        boolean baselineBetter = spec != null && value != null && spec.direction().better(value, metric.getValue());
        row.add(value == null ? Html.cell("") : Html.cell(format(value), baselineBetter ? "better" : null));
      }
      rows.add(row);
    }
    page.table(header, rows);
    List<String> notes = new ArrayList<>();
    contract.metrics().forEach(m -> notes.add(m.name() + ": " + m.description() + " ("
        + (m.direction() == MetricSpec.Direction.LOWER_IS_BETTER ? "lower" : "higher") + " is better)"));
    baselines.forEach(b -> notes.add(b.label() + ": " + b.description()));
    page.raw("<p class=\"muted\">Bold metrics are the head's key ones; a shaded value is better than the other"
        + " rows' in the metric's direction.<br>" + Html.escape(String.join("; ", notes)) + "</p>\n");
    if (!content.calibration().isEmpty()) {
      List<List<String>> calibration = new ArrayList<>();
      content.calibration().forEach((name, value) -> calibration.add(List.of(Html.cell(name), Html.cell(format(value)))));
      page.heading(3, "Calibration on the training split");
      page.table(List.of("value", ""), calibration);
    }
  }

  private static void epochs(Html page, Content content) {
    page.heading(2, "Epochs");
    List<String> keys = content.contract().keyMetrics().stream().map(MetricSpec::name).toList();
    List<String> header = new ArrayList<>(List.of("epoch", "train loss", "validation loss"));
    keys.forEach(k -> header.add("validation " + k));
    header.add("seconds");
    List<List<String>> rows = new ArrayList<>();
    for (EpochRecord epoch : content.epochs()) {
      String best = epoch.epoch() == content.bestEpoch() ? "better" : null;
      List<String> row = new ArrayList<>(List.of(Html.cell(epoch.epoch() + (best != null ? " (best)" : ""), best),
          Html.cell(format(epoch.trainLoss())), Html.cell(format(epoch.validationLoss()), best)));
      keys.forEach(k -> row.add(Html.cell(epoch.validation().containsKey(k) ? format(epoch.validation().get(k)) : "")));
      row.add(Html.cell(String.format(Locale.ROOT, "%.1f", epoch.seconds())));
      rows.add(row);
    }
    page.table(header, rows);
  }

  private static void plots(Html page, Path folder) {
    List<Path> pngs;
    try (Stream<Path> files = Files.list(folder)) {
      pngs = files.filter(p -> p.getFileName().toString().endsWith(".png")).sorted((a, b) -> {
        boolean lossA = a.getFileName().toString().equals(LossPlot.FILE);
        boolean lossB = b.getFileName().toString().equals(LossPlot.FILE);
        return lossA != lossB ? (lossA ? -1 : 1) : a.compareTo(b);
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the plots in " + folder, e);
    }
    if (!pngs.isEmpty()) {
      page.heading(2, "Plots");
      pngs.forEach(page::image);
    }
  }

  private static String format(double value) {
    return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.6g", value);
  }
}
