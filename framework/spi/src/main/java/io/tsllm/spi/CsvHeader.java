package io.tsllm.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The header line of a CSV file as every tsllm reader takes it: a UTF-8 byte-order mark (as spreadsheet programs
 * write) is dropped, names are trimmed, and an empty or repeated name is refused, since columns are found by name.
 */
public final class CsvHeader {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private CsvHeader() {}

  /** The column names of {@code line}, the first line of {@code file}. */
  public static List<String> columns(Path file, String line) {
    String text = !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
    List<String> names = Arrays.stream(text.split(",", -1)).map(String::trim).toList();
    Set<String> seen = new HashSet<>();
    List<String> repeated = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).isEmpty()) {
        throw new DataException(file, "line 1", "column " + (i + 1) + " has no name; every column needs one");
      }
      if (!seen.add(names.get(i)) && !repeated.contains(names.get(i))) {
        repeated.add(names.get(i));
      }
    }
    if (!repeated.isEmpty()) {
      throw new DataException(file, "line 1", "names the column(s) " + repeated + " more than once; columns are"
          + " found by name, so each name must be unique");
    }
    return names;
  }
}
