package io.tsllm.core.config;

import io.tsllm.spi.ConfigProblems;
import java.util.List;

/** {@link ConfigProblems} for one section: prefixes field names with the section's JSON path. */
public final class SectionProblems implements ConfigProblems {

  private final String section;
  private final List<ConfigProblem> sink;

  public SectionProblems(String section, List<ConfigProblem> sink) {
    this.section = section;
    this.sink = sink;
  }

  @Override
  public void reject(String field, Object value, String expected) {
    sink.add(new ConfigProblem(section + "." + field, show(value), expected));
  }

  /** As the value would be written in JSON. */
  private static String show(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof CharSequence text) {
      return "\"" + text + "\"";
    }
    return String.valueOf(value);
  }
}
