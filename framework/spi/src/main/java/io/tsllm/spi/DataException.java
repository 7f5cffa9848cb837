package io.tsllm.spi;

import java.nio.file.Path;

/**
 * Bad input data, reported so a user can fix it: which file, where in it (line, record or field), and what is
 * wrong. Dataset loaders throw it instead of letting parsing exceptions escape.
 */
public class DataException extends RuntimeException {

  private final Path file;
  private final String location;

  /**
   * @param file the file that holds the bad data
   * @param location where in the file, e.g. {@code "line 12, column OT"}; null if the whole file is at fault
   * @param problem what is wrong and, where it helps, what was expected
   */
  public DataException(Path file, String location, String problem) {
    super(file + (location == null ? "" : ", " + location) + ": " + problem);
    this.file = file;
    this.location = location;
  }

  public DataException(Path file, String location, String problem, Throwable cause) {
    this(file, location, problem);
    initCause(cause);
  }

  public Path file() {
    return file;
  }

  /** Where in the file, or null. */
  public String location() {
    return location;
  }
}
