package io.tsllm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Every shipped config, mutated at random (a type changed, a null at any depth, an unknown field, a number out of
 * range, an empty or duplicated list entry), is either accepted or refused as input to fix: {@code validate} exits 0
 * or 2, never 1, never with a stack trace; a refused mutant refused again by {@code run} creates no run folder.
 * The seed is fixed so that CI is repeatable; 1,500 tries with random seeds passed when the test was written.
 */
class ConfigMutantsTest {

  private static final Path CONFIGS = Path.of("../../configs").toAbsolutePath().normalize();

  /** A shipped config and one mutation of it, described for the report of a failing try. */
  record Mutant(String config, String mutation, ObjectNode experiment) {
    @Override
    public String toString() {
      return config + ": " + mutation;
    }
  }

  @Property(tries = 150, seed = "20261126")
  void everyMutantIsAcceptedOrRefusedCleanly(@ForAll("mutants") Mutant mutant) throws Exception {
    Path folder = Files.createTempDirectory("mutant");
    try {
      Path file = Files.writeString(folder.resolve("experiment.json"),
          Experiments.MAPPER.writeValueAsString(mutant.experiment()));
      StringWriter err = new StringWriter();
      int code = Main.execute(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err), "validate",
          file.toString());
      assertTrue(code == 0 || code == Main.BAD_INPUT, mutant + " exited " + code + ": " + err);
      Statistics.collect(code == 0 ? "accepted" : "refused");
      assertFalse(err.toString().contains("\tat ") || err.toString().contains("internal error"), mutant + ": " + err);
      if (code == Main.BAD_INPUT) {
        Path runs = folder.resolve("runs");
        int again = Main.execute(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            "run", file.toString(), "--output-dir", runs.toString(), "--quiet");
        assertEquals(Main.BAD_INPUT, again, mutant + ": run disagrees with validate");
        assertFalse(Files.exists(runs) && Files.list(runs).findAny().isPresent(), mutant + " created a run folder");
      }
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    return Arbitraries.randomValue(ConfigMutantsTest::mutant);
  }

  private static Mutant mutant(Random random) {
    try {
      List<Path> configs;
      try (Stream<Path> list = Files.list(CONFIGS)) {
        configs = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
      Path config = configs.get(random.nextInt(configs.size()));
      ObjectNode experiment = (ObjectNode) Experiments.MAPPER.readTree(config.toFile());
      absolutize(experiment.path("data"));
      ObjectNode training = experiment.get("training") instanceof ObjectNode t ? t : experiment.putObject("training");
      training.put("epochs", 1).put("max_train_steps", 1);
      List<String> paths = new ArrayList<>();
      collect(experiment, "", paths);
      String path = paths.get(random.nextInt(paths.size()));
      String mutation = mutate(experiment, path, random);
      return new Mutant(config.getFileName().toString(), mutation, experiment);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Data paths relative to configs/ made absolute, so that the mutant can live in a temporary folder. */
  private static void absolutize(JsonNode data) {
    if (data instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isTextual() && Files.exists(CONFIGS.resolve(field.getValue().asText()))) {
          object.put(field.getKey(), CONFIGS.resolve(field.getValue().asText()).toString());
        } else if (field.getValue() instanceof ArrayNode array) {
          for (int i = 0; i < array.size(); i++) {
            if (array.get(i).isTextual() && Files.exists(CONFIGS.resolve(array.get(i).asText()))) {
              array.set(i, CONFIGS.resolve(array.get(i).asText()).toString());
            }
          }
        }
      }
    }
  }

  /** Every node's path: fields as /a/b, list items as /a/0. */
  private static void collect(JsonNode node, String path, List<String> paths) {
    if (!path.isEmpty()) {
      paths.add(path);
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> collect(f.getValue(), path + "/" + f.getKey(), paths));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "/" + i, paths);
      }
    }
  }

  private static String mutate(ObjectNode root, String path, Random random) {
    int cut = path.lastIndexOf('/');
    JsonNode parent = cut == 0 ? root : root.at(path.substring(0, cut));
    String key = path.substring(cut + 1);
    JsonNode node = root.at(path);
    JsonNode replacement;
    String what;
    switch (random.nextInt(6)) {
      case 0 -> {
        replacement = Experiments.MAPPER.nullNode();
        what = "null";
      }
      case 1 -> {
        replacement = node.isTextual() ? Experiments.MAPPER.getNodeFactory().numberNode(7)
            : Experiments.MAPPER.getNodeFactory().textNode("x");
        what = "another type";
      }
      case 2 -> {
        double[] numbers = {-1, 0, 0.5, 1e12, -1e12, 3.5};
        replacement = Experiments.MAPPER.getNodeFactory().numberNode(numbers[random.nextInt(numbers.length)]);
        what = "the number " + replacement;
      }
      case 3 -> {
        if (node instanceof ObjectNode object) {
          object.put("no_such_field", 1);
          return path + ": an unknown field";
        }
        replacement = Experiments.MAPPER.createArrayNode();
        what = "an empty list";
      }
      case 4 -> {
        if (node instanceof ArrayNode array && !array.isEmpty()) {
          array.add(array.get(0).deepCopy());
          return path + ": its first entry twice";
        }
        replacement = Experiments.MAPPER.createObjectNode();
        what = "an empty object";
      }
      default -> {
        replacement = Experiments.MAPPER.getNodeFactory().booleanNode(true);
        what = "true";
      }
    }
    if (parent instanceof ObjectNode object) {
      object.set(key, replacement);
    } else if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(key), replacement);
    }
    return path + ": " + what;
  }
}
