package io.tsllm.spi;

/**
 * A plugin's configuration, bound by Jackson from the experiment file. Field names in JSON are the snake_case
 * form of the Java names ({@code nHead} is {@code n_head}). Implementations are usually records whose compact
 * constructor fills in defaults for absent (null) fields, so that the resolved config written next to a run's
 * outputs shows every value that was used.
 */
public interface PluginConfig {

  /**
   * Reports values that are out of range on their own or in combination. Called once after binding, before any
   * data is read or graph built. The default accepts everything.
   */
  default void validate(ConfigProblems problems) {}
}
