package io.tsllm.core.config;

/**
 * One thing wrong with an experiment file.
 *
 * @param path the JSON path, e.g. {@code backbone.n_head}
 * @param value the offending value as written, or null when the field is missing
 * @param expected what is allowed
 */
public record ConfigProblem(String path, String value, String expected) {

  @Override
  public String toString() {
    String found = value == null ? "missing" : value;
    return path + ": " + found + " (expected " + expected + ")";
  }
}
