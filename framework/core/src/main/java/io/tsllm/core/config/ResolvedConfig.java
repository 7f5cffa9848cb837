package io.tsllm.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The experiment as it ran, every default filled in, in the experiment file's own layout. */
public final class ResolvedConfig {

  private ResolvedConfig() {}

  public static ObjectNode toJson(ObjectMapper mapper, ExperimentConfig config) {
    ObjectNode root = mapper.createObjectNode();
    root.put("name", config.name());
    root.put("seed", config.seed());
    root.set("data", section(mapper, config.data()));
    root.set("embedder", section(mapper, config.embedder()));
    root.set("backbone", section(mapper, config.backbone()));
    root.set("head", section(mapper, config.head()));
    root.set("training", mapper.valueToTree(config.training()));
    root.set("output", mapper.valueToTree(config.output()));
    return root;
  }

  private static ObjectNode section(ObjectMapper mapper, PluginSection section) {
    ObjectNode node = mapper.createObjectNode();
    node.put("type", section.type());
    node.setAll((ObjectNode) mapper.valueToTree(section.config()));
    return node;
  }
}
