package io.tsllm.spi;

import java.nio.file.Path;

/** What a dataset loader may ask of the framework. */
public interface DataContext {

  /** Resolves a path from the experiment file: relative paths are taken from the experiment file's folder. */
  Path resolve(String path);
}
