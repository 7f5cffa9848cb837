package io.tsllm.core.plugin;

import io.tsllm.spi.Plugin;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A plugin found by {@link PluginDiscovery}.
 *
 * @param source the jar or classes folder the plugin was loaded from
 * @param external true if it came from a plugin jar rather than the framework's own class path
 */
public record DiscoveredPlugin(PluginKind kind, Plugin<?> plugin, Path source, boolean external) {

  public String name() {
    return plugin.name();
  }

  /** The source as shown to users: the jar path, or "built-in". */
  public String sourceLabel() {
    return external ? source.toString() : "built-in (" + source.getFileName() + ")";
  }

  public Optional<Path> jar() {
    return source.toString().endsWith(".jar") ? Optional.of(source) : Optional.empty();
  }
}
