package io.tsllm.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The versions baked in at build time.
 *
 * @param gitCommit the framework's commit, or "unknown" when built outside git
 * @param gitDirty whether the build had uncommitted changes
 */
public record FrameworkVersion(String framework, String tensorflowJava, String gitCommit, boolean gitDirty) {

  public static FrameworkVersion load() {
    Properties version = properties("/io/tsllm/core/version.properties");
    Properties git = properties("/io/tsllm/core/git.properties");
    return new FrameworkVersion(
        version.getProperty("framework.version", "unknown"),
        version.getProperty("tensorflow.java.version", "unknown"),
        git.getProperty("git.commit.id", "unknown"),
        Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
  }

  private static Properties properties(String resource) {
    Properties properties = new Properties();
    try (InputStream in = FrameworkVersion.class.getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // left empty: the fields say "unknown"
    }
    return properties;
  }
}
