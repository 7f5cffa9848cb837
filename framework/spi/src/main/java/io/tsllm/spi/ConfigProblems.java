package io.tsllm.spi;

/**
 * Collects what is wrong with a config section. Field names are relative to the section being checked, in their
 * JSON spelling ({@code "n_head"}); the framework prefixes the section's path ({@code backbone.n_head}).
 */
public interface ConfigProblems {

  /**
   * Records one problem.
   *
   * @param field the JSON field name, relative to the section
   * @param value the value found, or null when the field is missing
   * @param expected what would have been accepted, e.g. {@code "an integer >= 1"}
   */
  void reject(String field, Object value, String expected);

  /** Records a problem unless {@code condition} holds. */
  default void check(boolean condition, String field, Object value, String expected) {
    if (!condition) {
      reject(field, value, expected);
    }
  }

  /**
   * Records that a required field is absent unless {@code value} is non-null.
   *
   * @return whether the value is present, so callers can skip checks that need it
   */
  default boolean checkPresent(String field, Object value, String expected) {
    if (value == null) {
      reject(field, null, expected);
      return false;
    }
    return true;
  }

  /** Shorthand for the most common range check; a null value is reported as missing. */
  default void checkPositive(String field, Integer value) {
    if (checkPresent(field, value, "an integer >= 1")) {
      check(value > 0, field, value, "an integer >= 1");
    }
  }
}
