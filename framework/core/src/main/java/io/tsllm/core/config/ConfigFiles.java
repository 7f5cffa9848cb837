package io.tsllm.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads the JSON files users write (experiments, suites), turning every way one can fail into a problem. */
public final class ConfigFiles {

  private ConfigFiles() {}

  /**
   * The file's JSON tree; a missing node for an empty file.
   *
   * @param what what the file should be, for the messages, e.g. {@code experiment file}
   * @throws ConfigException naming the file, and the line and column of malformed JSON
   */
  public static JsonNode readTree(ObjectMapper mapper, Path file, String what) {
    try {
      return mapper.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, List.of(new ConfigProblem("(file)", null, "an existing " + what)));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "(file)" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(file, List.of(new ConfigProblem(where, "invalid JSON: " + e.getOriginalMessage(),
          "well-formed JSON")));
    } catch (IOException e) {
      throw new ConfigException(file, List.of(new ConfigProblem("(file)", "unreadable: " + e.getMessage(),
          "a readable " + what)));
    }
  }
}
