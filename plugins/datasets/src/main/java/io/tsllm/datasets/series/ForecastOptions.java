package io.tsllm.datasets.series;

import java.util.List;

/**
 * How to cut a series into forecasting windows, shared by the loaders of series formats (see the {@code csv}
 * loader's config for each field's meaning).
 */
public record ForecastOptions(
    int inputLength,
    int horizon,
    String features,
    String target,
    List<String> columns,
    String split,
    double trainRatio,
    double testRatio,
    boolean scale,
    String missing) {}
