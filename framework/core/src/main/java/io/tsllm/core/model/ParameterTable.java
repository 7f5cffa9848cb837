package io.tsllm.core.model;

import io.tsllm.graph.Parameter;
import io.tsllm.spi.ParameterRole;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Trainable and frozen parameter counts per role, as printed at start and saved with a run. */
public record ParameterTable(Map<ParameterRole, Long> trainable, Map<ParameterRole, Long> frozen) {

  public static ParameterTable of(ModelGraph model) {
    Map<ParameterRole, Long> trainable = new EnumMap<>(ParameterRole.class);
    Map<ParameterRole, Long> frozen = new EnumMap<>(ParameterRole.class);
    for (Parameter p : model.parameters().all()) {
      (model.trainableRoles().contains(p.role()) ? trainable : frozen).merge(p.role(), p.size(), Long::sum);
    }
    return new ParameterTable(trainable, frozen);
  }

  public long totalTrainable() {
    return trainable.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalFrozen() {
    return frozen.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A fixed-width table, one row per role present, with totals. */
  public String format() {
    StringBuilder out =
        new StringBuilder(String.format(Locale.ROOT, "  %-20s %12s %12s%n", "role", "trainable", "frozen"));
    for (ParameterRole role : ParameterRole.values()) {
      long t = trainable.getOrDefault(role, 0L);
      long f = frozen.getOrDefault(role, 0L);
      if (t + f > 0) {
        out.append(String.format(Locale.ROOT, "  %-20s %12d %12d%n", role.name().toLowerCase(Locale.ROOT), t, f));
      }
    }
    long all = totalTrainable() + totalFrozen();
    out.append(String.format(Locale.ROOT, "  %-20s %12d %12d  (%.2f%% trainable)", "total", totalTrainable(),
        totalFrozen(),
        all == 0 ? 0 : 100.0 * totalTrainable() / all));
    return out.toString();
  }
}
