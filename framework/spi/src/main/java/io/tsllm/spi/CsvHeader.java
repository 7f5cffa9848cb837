package io.tsllm.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The header record of a CSV file as every tsllm reader takes it ({@link CsvRecords} has already unquoted it and
 * dropped a byte-order mark): names are trimmed, and an empty or repeated name is refused, since columns are found
 * by name.
 */
public final class CsvHeader {

  private CsvHeader() {}

  /** The column names of {@code header}, the first record of {@code file}. */
  public static List<String> columns(Path file, CsvRecords.Record header) {
    List<String> names = header.fields().stream().map(String::trim).toList();
    Set<String> seen = new HashSet<>();
    List<String> repeated = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).isEmpty()) {
        throw new DataException(file, "line " + header.line(), "column " + (i + 1) + " has no name; every column"
            + " needs one" + (i == 0 ? " (R's write.csv puts unnamed row names there: write with row.names = FALSE)"
                : ""));
      }
      if (!seen.add(names.get(i)) && !repeated.contains(names.get(i))) {
        repeated.add(names.get(i));
      }
    }
    if (!repeated.isEmpty()) {
      throw new DataException(file, "line " + header.line(), "names the column(s) " + repeated + " more than once;"
          + " columns are found by name, so each name must be unique");
    }
    return names;
  }
}
