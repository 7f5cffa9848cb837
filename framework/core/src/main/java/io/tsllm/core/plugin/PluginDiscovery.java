package io.tsllm.core.plugin;

import io.tsllm.core.UserInputException;
import io.tsllm.spi.FileDigest;
import io.tsllm.spi.Plugin;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds plugins with {@link ServiceLoader}: the built-in ones on the framework's class path, and those in
 * third-party jars, each jar in a class loader of its own whose parent is the framework's (so the SPI is shared and
 * a jar's other classes stay private to it).
 */
public final class PluginDiscovery {

  private final ClassLoader frameworkLoader;

  @Inject
  public PluginDiscovery() {
    this(PluginDiscovery.class.getClassLoader());
  }

  PluginDiscovery(ClassLoader frameworkLoader) {
    this.frameworkLoader = frameworkLoader;
  }

  /**
   * Every plugin that loads; a jar that cannot be loaded (a missing class, a constructor that throws) is refused
   * naming the jar, the class and the plugin's own message. A jar found twice (the same bytes) is loaded once.
   */
  public PluginRegistry discover(PluginLocations locations) {
    PluginRegistry registry = discoverHealthy(locations);
    if (!registry.broken().isEmpty()) {
      throw new UserInputException(String.join("; ", registry.broken()));
    }
    return registry;
  }

  /** Every plugin that loads, and a line for each jar or plugin that does not (for listings). */
  public PluginRegistry discoverHealthy(PluginLocations locations) {
    List<DiscoveredPlugin> found = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (PluginKind kind : PluginKind.values()) {
      load(kind, frameworkLoader, null, found, broken);
    }
    for (Path jar : jars(locations)) {
      URLClassLoader loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {url(jar)}, frameworkLoader);
      for (PluginKind kind : PluginKind.values()) {
        load(kind, loader, jar, found, broken);
      }
    }
    return new PluginRegistry(found, broken);
  }

  private static void load(PluginKind kind, ClassLoader loader, Path jar, List<DiscoveredPlugin> found,
      List<String> broken) {
    String where = jar != null ? jar.toString() : "the framework's class path";
    try {
      ServiceLoader.load(kind.spiType(), loader).stream()
          // A jar's loader also sees its parent's services; keep only what the jar itself declares.
          .filter(provider -> jar == null || provider.type().getClassLoader() == loader)
          .forEach(provider -> {
            try {
              Plugin<?> plugin = provider.get();
              Path source = jar != null ? jar : codeSource(provider.type());
              found.add(new DiscoveredPlugin(kind, plugin, source, jar != null));
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
              broken.add("a fault in the " + kind.section() + " plugin " + provider.type().getName() + " (" + where
                  + "): it cannot be created: " + rootMessage(e));
            }
          });
    } catch (ServiceConfigurationError | LinkageError e) {
      broken.add("cannot load " + kind.section() + " plugins from " + where + ": " + rootMessage(e));
    }
  }

  /** The innermost cause's class and message: what the plugin itself said. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** The jars to load, each once: a jar found again (the same SHA-256) is skipped. */
  private static List<Path> jars(PluginLocations locations) {
    List<Path> listed = listed(locations);
    List<Path> jars = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Path jar : listed) {
      if (seen.add(FileDigest.sha256(jar))) {
        jars.add(jar);
      }
    }
    return jars;
  }

  private static List<Path> listed(PluginLocations locations) {
    List<Path> jars = new ArrayList<>();
    for (Path location : locations.paths()) {
      if (Files.isDirectory(location)) {
        try (Stream<Path> entries = Files.list(location)) {
          entries.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
        } catch (IOException e) {
          throw new UserInputException("cannot list plugin folder " + location + ": " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(location) && location.toString().endsWith(".jar")) {
        jars.add(location);
      } else {
        throw new UserInputException(
            "plugin location " + location + " is neither a .jar file nor a folder (check --plugins and TSLLM_PLUGINS)");
      }
    }
    return jars;
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UserInputException("bad plugin jar path " + jar, e);
    }
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException | SecurityException e) {
      return Path.of(type.getName());
    }
  }
}
