package io.tsllm.spi;

/**
 * What every plugin has: a name an experiment file selects it by, and the config type it owns.
 *
 * @param <C> the plugin's config type, bound from the experiment file's section for this plugin
 */
public interface Plugin<C extends PluginConfig> {

  /** The name an experiment file uses in {@code "type"}; unique among plugins of the same kind. */
  String name();

  /** The class Jackson binds this plugin's config section to. */
  Class<C> configType();

  /** One line for {@code plugins} listings. */
  default String description() {
    return "";
  }
}
