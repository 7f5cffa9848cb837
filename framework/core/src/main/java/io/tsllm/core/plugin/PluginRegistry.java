package io.tsllm.core.plugin;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The plugins available to this process, by kind and name. */
public final class PluginRegistry {

  private final Map<PluginKind, Map<String, DiscoveredPlugin>> plugins = new EnumMap<>(PluginKind.class);
  private final List<String> broken;

  /** @param broken what could not be loaded, one line each */
  PluginRegistry(List<DiscoveredPlugin> discovered, List<String> broken) {
    this.broken = List.copyOf(broken);
    for (PluginKind kind : PluginKind.values()) {
      plugins.put(kind, new TreeMap<>());
    }
    for (DiscoveredPlugin plugin : discovered) {
      DiscoveredPlugin clash = plugins.get(plugin.kind()).putIfAbsent(plugin.name(), plugin);
      if (clash != null) {
        throw new PluginConflictException(plugin.kind(), plugin.name(), clash.sourceLabel(), plugin.sourceLabel());
      }
    }
  }

  /** The jars and plugins that could not be loaded, one line each naming it and why. */
  public List<String> broken() {
    return broken;
  }

  public Optional<DiscoveredPlugin> find(PluginKind kind, String name) {
    return Optional.ofNullable(plugins.get(kind).get(name));
  }

  /** Names of the plugins of a kind, sorted. */
  public List<String> names(PluginKind kind) {
    return List.copyOf(plugins.get(kind).keySet());
  }

  public List<DiscoveredPlugin> all(PluginKind kind) {
    return List.copyOf(plugins.get(kind).values());
  }
}
