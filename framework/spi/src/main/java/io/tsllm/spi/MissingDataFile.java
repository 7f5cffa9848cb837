package io.tsllm.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The refusal of a data file that is not there. Data that a repository cannot ship (generated, or downloaded under
 * its own licence) is described in a README beside where it belongs; when that README names the file, the refusal
 * points at the line, so that the user learns how to make it from the error itself.
 */
public final class MissingDataFile {

  private MissingDataFile() {}

  /**
   * @param problem what the caller says of it, e.g. {@code "does not exist (data.path)"}
   */
  public static DataException of(Path file, String problem) {
    return new DataException(file, null, problem + hint(file));
  }

  private static String hint(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    if (folder == null || file.getFileName() == null) {
      return "";
    }
    Path readme = folder.resolve("README.md");
    if (!Files.isRegularFile(readme)) {
      return "";
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
    String name = file.getFileName().toString();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(name)) {
        return "; " + readme + " (line " + (i + 1) + ") says how to make it";
      }
    }
    return "";
  }
}
