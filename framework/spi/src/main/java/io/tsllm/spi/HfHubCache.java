package io.tsllm.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * HuggingFace's hub cache, as {@code huggingface_hub} lays it out, so models a user already downloaded with Python
 * are used in place: {@code <cache>/models--<org>--<name>/snapshots/<revision>/}, the cache found as
 * {@link #fromEnvironment} says. Nothing is downloaded.
 */
public final class HfHubCache {

  private final Path root;

  public HfHubCache(Path root) {
    this.root = root;
  }

  /**
   * The cache the environment points at, as {@code huggingface_hub}'s {@code constants.py} resolves it:
   * {@code HF_HUB_CACHE}, else the legacy {@code HUGGINGFACE_HUB_CACHE}, else {@code <HF_HOME>/hub}, where
   * {@code HF_HOME} defaults to {@code <XDG_CACHE_HOME>/huggingface} and {@code XDG_CACHE_HOME} to {@code ~/.cache}.
   * A leading {@code ~} is the home folder, as {@code os.path.expanduser} reads it.
   */
  public static HfHubCache fromEnvironment(Map<String, String> environment, Path home) {
    for (String variable : List.of("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE")) {
      String cache = environment.get(variable);
      if (cache != null && !cache.isBlank()) {
        return new HfHubCache(expandHome(cache, home));
      }
    }
    String hfHome = environment.get("HF_HOME");
    String xdgCache = environment.get("XDG_CACHE_HOME");
    Path cacheHome = xdgCache != null && !xdgCache.isBlank() ? expandHome(xdgCache, home) : home.resolve(".cache");
    Path base = hfHome != null && !hfHome.isBlank() ? expandHome(hfHome, home) : cacheHome.resolve("huggingface");
    return new HfHubCache(base.resolve("hub"));
  }

  private static Path expandHome(String path, Path home) {
    if (path.equals("~")) {
      return home;
    }
    return path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
  }

  public Path root() {
    return root;
  }

  /** Where a model id ({@code gpt2}, {@code openai-community/gpt2}) would live. */
  public Path modelFolder(String modelId) {
    return root.resolve("models--" + modelId.replace("/", "--"));
  }

  /**
   * The snapshot of a model: the revision {@code refs/main} names, else the most recently written snapshot.
   */
  public Optional<Path> snapshot(String modelId) {
    Path model = modelFolder(modelId);
    Path snapshots = model.resolve("snapshots");
    if (!Files.isDirectory(snapshots)) {
      return Optional.empty();
    }
    try {
      Path ref = model.resolve("refs").resolve("main");
      if (Files.isRegularFile(ref)) {
        Path named = snapshots.resolve(Files.readString(ref).trim());
        if (Files.isDirectory(named)) {
          return Optional.of(named);
        }
      }
      try (Stream<Path> entries = Files.list(snapshots)) {
        List<Path> all = entries.filter(Files::isDirectory).toList();
        return all.stream().max(Comparator.comparing(HfHubCache::modified));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
