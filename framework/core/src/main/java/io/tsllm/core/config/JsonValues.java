package io.tsllm.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Shows values in error messages as they would be written in JSON ({@code "abc"}, {@code 12}, {@code [1,2]}). */
public final class JsonValues {

  private static final int MAX_LENGTH = 80;
  private final ObjectMapper mapper;

  public JsonValues(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String show(Object value) {
    String text;
    try {
      text = value instanceof JsonNode node ? node.toString() : mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      text = String.valueOf(value);
    }
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
  }
}
