package io.tsllm.core.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * Where third-party plugin jars are looked for: each entry is a jar, or a folder whose {@code *.jar} files are
 * loaded. Assembled by the CLI from {@code --plugins}, {@code TSLLM_PLUGINS} and the folder next to the jar.
 */
public record PluginLocations(List<Path> paths) {

  public PluginLocations {
    paths = List.copyOf(paths);
  }

  public static PluginLocations none() {
    return new PluginLocations(List.of());
  }
}
