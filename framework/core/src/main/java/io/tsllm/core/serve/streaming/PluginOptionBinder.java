package io.tsllm.core.serve.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.plugin.DiscoveredPlugin;
import io.tsllm.spi.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Binds {@code key=value} options from the command line ({@code --reader-option gaps=fail}) to a reader's or a
 * writer's own config type, as an experiment file's section is bound: a value is read as JSON when it parses, else
 * as a string; unknown keys, mistyped values and the config's own checks are refused naming the option.
 */
final class PluginOptionBinder {

  private final ObjectMapper mapper = ConfigMapper.create();

  /** @param option the command-line option, for messages, e.g. {@code --reader-option} */
  PluginConfig bind(String option, DiscoveredPlugin plugin, List<String> assignments) {
    ObjectNode fields = mapper.createObjectNode();
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new UserInputException(option + ": \"" + assignment + "\" (expected key=value, e.g. " + option
            + " gaps=fail)");
      }
      fields.set(assignment.substring(0, equals).trim(), ConfigOverrides.value(assignment.substring(equals + 1),
          mapper));
    }
    String who = "the " + plugin.kind().section() + " " + plugin.name();
    PluginConfig config;
    try {
      config = mapper.treeToValue(fields, plugin.plugin().configType());
    } catch (UnrecognizedPropertyException e) {
      TreeSet<String> known = new TreeSet<>();
      e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      throw new UserInputException(option + " " + e.getPropertyName() + ": " + who + " has no such option ("
          + (known.isEmpty() ? "it takes none" : "its options are " + known) + "; `plugins` lists them)");
    } catch (MismatchedInputException e) {
      String key = e.getPath().isEmpty() ? "" : e.getPath().get(0).getFieldName();
      throw new UserInputException(option + " " + key + "=" + fields.get(key) + ": " + who + " expects "
          + (e.getTargetType() == null ? "another type" : "a " + e.getTargetType().getSimpleName()
          .toLowerCase(Locale.ROOT)) + " there");
    } catch (JsonProcessingException e) {
      throw new UserInputException(option + ": " + e.getOriginalMessage());
    }
    List<String> problems = new ArrayList<>();
    config.validate((field, value, expected) -> problems.add(option + " " + field + "="
        + (value instanceof CharSequence ? "\"" + value + "\"" : value) + ": expected " + expected));
    if (!problems.isEmpty()) {
      throw new UserInputException(String.join("; ", problems) + " (" + who + ")");
    }
    return config;
  }
}
