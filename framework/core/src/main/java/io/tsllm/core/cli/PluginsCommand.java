package io.tsllm.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.plugin.DiscoveredPlugin;
import io.tsllm.core.plugin.PluginDiscovery;
import io.tsllm.core.plugin.PluginKind;
import io.tsllm.core.plugin.PluginRegistry;
import io.tsllm.spi.PluginConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    description = "List the plugins found, with the jar each came from and its config fields: type, default and"
        + " description.")
final class PluginsCommand implements Callable<Integer> {

  @Mixin PluginOptions pluginOptions;

  @Spec CommandSpec spec;

  private final Main main;

  PluginsCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    // The listing shows the healthy plugins even beside a broken jar, and says what is broken.
    PluginRegistry registry = new PluginDiscovery().discoverHealthy(pluginOptions.locations(main.environment()));
    ObjectMapper mapper = ConfigMapper.create();
    PrintWriter out = spec.commandLine().getOut();
    for (PluginKind kind : PluginKind.values()) {
      if (kind == PluginKind.READER || kind == PluginKind.WRITER) {
        out.printf(Locale.ROOT, "%s (predict: options by --%s-option key=value):%n",
            kind.name().toLowerCase(Locale.ROOT), kind.section());
      } else {
        out.printf(Locale.ROOT, "%s (section \"%s\"):%n", kind.name().toLowerCase(Locale.ROOT), kind.section());
      }
      for (DiscoveredPlugin plugin : registry.all(kind)) {
        out.printf(Locale.ROOT, "  %-12s %s%n", plugin.name(), plugin.plugin().description());
        out.printf(Locale.ROOT, "  %-12s from %s%n", "", plugin.sourceLabel());
        printFields(out, mapper, plugin.plugin().configType());
      }
    }
    for (String problem : registry.broken()) {
      out.printf(Locale.ROOT, "broken: %s%n", problem);
    }
    out.flush();
    return 0;
  }

  /**
   * Each field with its type (or its choices), its default and its description ({@code @JsonPropertyDescription}),
   * read off a config bound from an empty object; a field without a default is required when that config's own
   * check reports it missing, optional otherwise.
   */
  private static void printFields(PrintWriter out, ObjectMapper mapper, Class<?> configType) {
    JsonNode defaults = defaults(mapper, configType);
    Set<String> missing = missingFields(mapper, configType);
    var properties = mapper.getDeserializationConfig().introspect(mapper.constructType(configType))
        .findProperties();
    for (BeanPropertyDefinition property : properties) {
      String json = property.getName();
      JsonNode value = defaults == null ? null : defaults.get(json);
      String shown = value != null && !value.isNull() ? "default " + value
          : missing.contains(json) ? "required" : "optional";
      String description = property.getMetadata().getDescription();
      out.printf(Locale.ROOT, "  %-12s   %-22s %-8s %s%n", "", json,
          typeName(mapper, property.getRawPrimaryType()), shown);
      if (description != null && !description.isBlank()) {
        out.printf(Locale.ROOT, "  %-12s     %s%n", "", description);
      }
    }
  }

  /** A type as a user writes it: an enum's choices, otherwise the Java type's simple name. */
  private static String typeName(ObjectMapper mapper, Class<?> type) {
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(mapper.convertValue(constant, String.class));
      }
      return String.join("|", names);
    }
    return type.getSimpleName();
  }

  /** The fields an empty config's check reports as missing (rejected with no value). */
  private static Set<String> missingFields(ObjectMapper mapper, Class<?> configType) {
    Set<String> missing = new HashSet<>();
    try {
      Object empty = mapper.treeToValue(mapper.createObjectNode(), configType);
      if (empty instanceof PluginConfig config) {
        config.validate((field, value, expected) -> {
          if (value == null) {
            missing.add(field);
          }
        });
      }
    } catch (Exception e) {
      // A config that cannot be bound or checked empty shows its null fields as optional.
    }
    return missing;
  }

  private static JsonNode defaults(ObjectMapper mapper, Class<?> configType) {
    try {
      return mapper.valueToTree(mapper.treeToValue(mapper.createObjectNode(), configType));
    } catch (Exception e) {
      return null;
    }
  }
}
