package io.tsllm.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.UserInputException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Typed JSON files of runs and exports (status, provenance, metrics, export metadata), written atomically and
 * read back through the project's one {@link ObjectMapper} setup.
 */
public final class JsonRecords {

  private final ObjectMapper mapper;

  @Inject
  public JsonRecords(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Writes {@code value} to {@code file}: readers see the old file or the new one, never half of one. */
  public void write(Path file, Object value) {
    try {
      AtomicFiles.write(file, mapper.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads {@code file}; a missing or unreadable one is the user's to fix, and says which file and why. */
  public <T> T read(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      throw new UserInputException("missing " + file);
    }
    try {
      return mapper.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The file's record, or empty when the file does not exist or cannot be read as one. */
  public <T> Optional<T> readIfPresent(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(mapper.readValue(file.toFile(), type));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public byte[] bytes(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
