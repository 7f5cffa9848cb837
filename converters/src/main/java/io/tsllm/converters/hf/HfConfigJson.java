package io.tsllm.converters.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.converters.safetensors.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A HuggingFace model's {@code config.json}, read with the errors every family reports the same way. */
public final class HfConfigJson {

  private HfConfigJson() {}

  public static JsonNode read(Path file) {
    try {
      return new ObjectMapper().readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new CheckpointException(file, null, "no such file; a HuggingFace model folder has a config.json");
    } catch (IOException e) {
      throw new CheckpointException(file, null, "is not readable JSON: " + e.getMessage(), e);
    }
  }

  /** A positive integer field, {@code fallback} when absent (or null), refused with its value otherwise. */
  public static int positive(Path file, JsonNode root, String field, int fallback) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      throw new CheckpointException(file, null, field + " is " + node + "; expected a positive integer");
    }
    return node.asInt();
  }
}
