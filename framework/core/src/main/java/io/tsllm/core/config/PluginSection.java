package io.tsllm.core.config;

import io.tsllm.core.plugin.DiscoveredPlugin;
import io.tsllm.spi.PluginConfig;

/** One plugin section of an experiment file: the selected plugin and its bound, validated config. */
public record PluginSection(DiscoveredPlugin plugin, PluginConfig config) {

  public String type() {
    return plugin.name();
  }
}
