package io.tsllm.datasets.ucr;

import java.util.List;
import java.util.Map;

/**
 * A UCR/UEA {@code .ts} file: its {@code @} header fields, class names, and the cases, each a series of
 * {@code dimensions} channels (possibly of different lengths between cases) with its class label.
 *
 * @param series per case, per dimension, the values ({@code NaN} where the file has {@code ?})
 * @param labels per case, the class name
 */
record TsFile(Map<String, String> header, List<String> classes, int dimensions, List<float[][]> series,
    List<String> labels) {

  int cases() {
    return series.size();
  }

  int minLength() {
    return series.stream().mapToInt(s -> s[0].length).min().orElse(0);
  }

  int maxLength() {
    return series.stream().mapToInt(s -> s[0].length).max().orElse(0);
  }
}
