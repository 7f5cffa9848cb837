package io.tsllm.core.config;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * The {@code output} section.
 *
 * @param dir the folder that receives one sub-folder per run; relative to the working directory
 */
public record OutputConfig(String dir) implements PluginConfig {

  public OutputConfig {
    dir = dir == null ? "runs" : dir;
  }

  public static OutputConfig defaults() {
    return new OutputConfig(null);
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(!dir.isBlank(), "dir", dir, "a folder path");
  }
}
