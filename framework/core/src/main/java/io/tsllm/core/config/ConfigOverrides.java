package io.tsllm.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Command-line changes to an experiment file, {@code path.to.field=value}, applied to its JSON before binding, so
 * they are checked like the file itself and recorded in the resolved config. A value is read as JSON when it parses
 * ({@code 3}, {@code true}, {@code [1,2]}, {@code "x"}), else taken as a string.
 */
public record ConfigOverrides(List<String> assignments) {

  public ConfigOverrides {
    assignments = List.copyOf(assignments);
  }

  public static ConfigOverrides none() {
    return new ConfigOverrides(List.of());
  }

  void apply(ObjectNode root, ObjectMapper mapper, Path file) {
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException(file, List.of(new ConfigProblem("--set", "\"" + assignment + "\"",
            "path.to.field=value")));
      }
      String[] path = assignment.substring(0, equals).split("\\.");
      ObjectNode node = root;
      for (int i = 0; i < path.length - 1; i++) {
        JsonNode child = node.get(path[i]);
        node = child instanceof ObjectNode object ? object : node.putObject(path[i]);
      }
      node.set(path[path.length - 1], value(assignment.substring(equals + 1), mapper));
    }
  }

  /** A command-line value: JSON when it parses ({@code 3}, {@code true}, {@code [1,2]}), else the text itself. */
  public static JsonNode value(String text, ObjectMapper mapper) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }
}
