package io.tsllm.core.cli;

import io.tsllm.core.plugin.PluginLocations;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where third-party plugin jars come from; shared by every command. */
final class PluginOptions {

  static final String ENVIRONMENT_VARIABLE = "TSLLM_PLUGINS";

  @Option(
      names = "--plugins",
      paramLabel = "PATH",
      description = "A plugin jar, or a folder of plugin jars. Repeatable. Also read: the folder 'plugins' next to"
          + " framework.jar, and " + ENVIRONMENT_VARIABLE + " (paths separated by '" + "${sys:path.separator}" + "').")
  List<Path> plugins = new ArrayList<>();

  PluginLocations locations(Map<String, String> environment) {
    List<Path> paths = new ArrayList<>();
    defaultFolder().ifPresent(paths::add);
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      for (String entry : fromEnvironment.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          paths.add(Path.of(entry));
        }
      }
    }
    paths.addAll(plugins);
    return new PluginLocations(paths);
  }

  /** {@code plugins/} beside the jar this class was loaded from, when run from a jar and the folder exists. */
  private static java.util.Optional<Path> defaultFolder() {
    try {
      Path location = Path.of(PluginOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (location.toString().endsWith(".jar")) {
        Path folder = location.resolveSibling("plugins");
        if (Files.isDirectory(folder)) {
          return java.util.Optional.of(folder);
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // no code source: nothing to add
    }
    return java.util.Optional.empty();
  }
}
