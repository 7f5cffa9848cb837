package io.tsllm.spi;

import java.util.Locale;
import java.util.Set;

/**
 * How a missing value is spelled in text data, the same for every tsllm reader (the dataset loaders' CSV files and
 * the series {@code predict} reads): an empty field, {@code NaN}, {@code NA}, {@code null} or {@code None}, in any
 * case, with surrounding blanks ignored.
 */
public final class MissingValueText {

  private static final Set<String> SPELLINGS = Set.of("", "nan", "na", "null", "none");

  private MissingValueText() {}

  public static boolean isMissing(String field) {
    return SPELLINGS.contains(field.trim().toLowerCase(Locale.ROOT));
  }
}
