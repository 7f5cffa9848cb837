package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite file as read: base experiments, arms, axes and seeds whose product is the grid of cells, and what the
 * results are compared with.
 *
 * @param file the suite file; relative experiment and registry paths start at its folder
 * @param experiments base experiment files by label, in the file's order
 * @param common changes applied to every cell before its arm's ({@code set})
 * @param arms named variants; the first is the reference unless {@code referenceArm} names another
 * @param axes config paths and the values each takes, in the file's order
 * @param metrics the test metrics the report summarizes and compares; empty means the heads' key metrics
 * @param compare how cells are matched with published figures; null when the suite compares with none
 */
public record SuiteDefinition(
    Path file,
    String name,
    String description,
    Map<String, Path> experiments,
    Map<String, JsonNode> common,
    List<Arm> arms,
    String referenceArm,
    List<Axis> axes,
    List<Long> seeds,
    List<ExtraSeeds> extraSeeds,
    List<String> metrics,
    Comparison compare) {

  public SuiteDefinition {
    experiments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(experiments));
    common = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(common));
    arms = List.copyOf(arms);
    axes = List.copyOf(axes);
    seeds = List.copyOf(seeds);
    extraSeeds = List.copyOf(extraSeeds);
    metrics = List.copyOf(metrics);
  }

  /** The seeds of the cells of one setting (axis values): the suite's, then those of every matching extra. */
  public List<Long> seedsFor(Map<String, JsonNode> setting) {
    List<Long> all = new java.util.ArrayList<>(seeds);
    for (ExtraSeeds extra : extraSeeds) {
      if (extra.matches(setting)) {
        extra.seeds().stream().filter(seed -> !all.contains(seed)).forEach(all::add);
      }
    }
    return all;
  }

  /**
   * More seeds where some axes take given values (the papers ran one seed per table; a seed spread at one horizon
   * shows how far one seed can be from another).
   *
   * @param when axis path to the value it must take
   */
  public record ExtraSeeds(Map<String, JsonNode> when, List<Long> seeds) {
    public ExtraSeeds {
      when = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(when));
      seeds = List.copyOf(seeds);
    }

    boolean matches(Map<String, JsonNode> setting) {
      return when.entrySet().stream().allMatch(e -> e.getValue().equals(setting.get(e.getKey())));
    }
  }

  /**
   * One variant of the model: changes to the experiment (a whole section, such as {@code backbone}, or single
   * fields).
   *
   * @param paperSetup false when the arm cannot reproduce the published setup (random weights where the paper used
   *     pre-trained ones, a smaller model): its cells are never compared with published figures
   * @param note why, shown in the report
   * @param method the registry's method this arm reproduces, when it is not the suite's {@code compare.method}
   *     (e.g. PatchTST/64 beside PatchTST/42); empty for the suite's
   */
  public record Arm(String name, Map<String, JsonNode> set, boolean paperSetup, String note, String method) {
    public Arm {
      set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
      method = method == null ? "" : method;
    }

    public Arm(String name, Map<String, JsonNode> set, boolean paperSetup, String note) {
      this(name, set, paperSetup, note, "");
    }

    /** The registry's method this arm's cells are compared with. */
    public String method(Comparison compare) {
      return method.isEmpty() ? compare.method() : method;
    }
  }

  /** A config path and the values it takes, one cell per value. */
  public record Axis(String path, List<JsonNode> values) {
    public Axis {
      values = List.copyOf(values);
    }

    /** The axis's short name: its path's last field, e.g. {@code horizon} for {@code data.horizon}. */
    public String label() {
      return labelOf(path);
    }

    /** The short name of an axis of config path {@code path}: its last field, which names cells. */
    public static String labelOf(String path) {
      return path.substring(path.lastIndexOf('.') + 1);
    }
  }

  /**
   * How cells meet published figures.
   *
   * @param published registry files (or folders of them)
   * @param method the registry's method whose figures the suite reproduces, e.g. {@code GPT4TS}
   * @param task the registry's task, e.g. {@code magnitude estimation}, where a method's figures for one dataset
   *     span several tasks; empty for any
   * @param datasets registry dataset name by experiment label
   * @param settings registry setting name to the config path holding it, e.g. {@code horizon: data.horizon}
   * @param tolerance relative difference to the published value within which a result counts as reproduced
   * @param seedSigmas where several seeds ran, a result also counts as reproduced when the published value lies
   *     within this many standard deviations of the seed mean
   * @param metricSuffix compare the cells' {@code <metric><suffix>} with the paper (its evaluation protocol, e.g.
   *     {@code _drop_last}); the full-test-set figure is shown beside it. Empty: the metric itself
   */
  public record Comparison(List<Path> published, String method, String task, Map<String, String> datasets,
      Map<String, String> settings, double tolerance, double seedSigmas, String metricSuffix) {
    public Comparison {
      published = List.copyOf(published);
      datasets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
      settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
  }
}
