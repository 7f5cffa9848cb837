package io.tsllm.datasets.series;

import io.tsllm.spi.DataException;
import java.nio.file.Path;

/** Fills the NaN a {@link SeriesTable} holds for missing values, column by column, or refuses them. */
public final class MissingValues {

  /** @return how many values were filled */
  public int fill(SeriesTable table, String policy, Path file) {
    int width = table.width();
    float[] v = table.values();
    int filled = 0;
    for (int c = 0; c < width; c++) {
      for (int r = 0; r < table.rows(); r++) {
        if (!Float.isNaN(v[r * width + c])) {
          continue;
        }
        String where = table.rowLabel() + " " + table.lines()[r] + ", column " + table.columns().get(c);
        switch (policy) {
          case "ffill" -> {
            if (r == 0) {
              throw new DataException(file, where, "a missing value in the first row has nothing to carry forward");
            }
            v[r * width + c] = v[(r - 1) * width + c];
          }
          case "interpolate" -> v[r * width + c] = interpolate(v, width, table.rows(), r, c, file, where);
          default -> throw new DataException(file, where, "a missing value (empty or NaN); set data.missing to"
              + " \"ffill\" or \"interpolate\" to fill such values");
        }
        filled++;
      }
    }
    return filled;
  }

  /** Linear between the nearest known values before and after; the nearest one at either end. */
  private static float interpolate(float[] v, int width, int rows, int r, int c, Path file, String where) {
    int before = r - 1;
    int after = r + 1;
    while (after < rows && Float.isNaN(v[after * width + c])) {
      after++;
    }
    boolean hasBefore = before >= 0;
    boolean hasAfter = after < rows;
    if (!hasBefore && !hasAfter) {
      throw new DataException(file, where, "the whole column is missing");
    }
    if (!hasBefore) {
      return v[after * width + c];
    }
    if (!hasAfter) {
      return v[before * width + c];
    }
    float a = v[before * width + c];
    float b = v[after * width + c];
    return a + (b - a) * (r - before) / (float) (after - before);
  }
}
