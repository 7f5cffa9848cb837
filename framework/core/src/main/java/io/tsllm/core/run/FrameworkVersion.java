package io.tsllm.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions baked in at build time. */
public record FrameworkVersion(String framework, String tensorflowJava) {

  public static FrameworkVersion load() {
    Properties properties = new Properties();
    try (InputStream in = FrameworkVersion.class.getResourceAsStream("/io/tsllm/core/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return new FrameworkVersion(
        properties.getProperty("framework.version", "unknown"),
        properties.getProperty("tensorflow.java.version", "unknown"));
  }
}
