package io.tsllm.spi;

/**
 * A metric a head's evaluator reports, declared so that the framework can pick the best epoch in the right
 * direction, mark the better of model and baseline, and show the head's key metrics in summaries.
 *
 * @param name the key in the evaluator's {@link Evaluator#metrics()}
 * @param direction whether lower or higher values are better
 * @param key whether summaries ({@code runs}, reports) show it
 * @param description one line for listings and reports
 */
public record MetricSpec(String name, Direction direction, boolean key, String description) {

  /** Whether lower or higher values of a metric are better. */
  public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER;

    /** Whether {@code candidate} is strictly better than {@code incumbent}; NaN is never better. */
    public boolean better(double candidate, double incumbent) {
      return this == LOWER_IS_BETTER ? candidate < incumbent : candidate > incumbent;
    }
  }

  public MetricSpec {
    OutputSpec.requireName(name, "metric name");
    if (direction == null) {
      throw new IllegalArgumentException("metric '" + name + "' needs a direction");
    }
    description = description == null ? "" : description;
  }

  /** A key metric where lower is better (an error). */
  public static MetricSpec lowerKey(String name, String description) {
    return new MetricSpec(name, Direction.LOWER_IS_BETTER, true, description);
  }

  /** A key metric where higher is better (an accuracy, an F1). */
  public static MetricSpec higherKey(String name, String description) {
    return new MetricSpec(name, Direction.HIGHER_IS_BETTER, true, description);
  }

  /** A further metric where lower is better. */
  public static MetricSpec lower(String name, String description) {
    return new MetricSpec(name, Direction.LOWER_IS_BETTER, false, description);
  }

  /** A further metric where higher is better. */
  public static MetricSpec higher(String name, String description) {
    return new MetricSpec(name, Direction.HIGHER_IS_BETTER, false, description);
  }
}
