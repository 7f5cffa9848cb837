package io.tsllm.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.config.ConfigMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Experiment files for tests: a tiny, valid ETTh1 forecasting setup that each test bends as it needs. */
public final class Experiments {

  public static final Path ETTH1 = Path.of("../../configs/data/ett/ETTh1.csv").toAbsolutePath().normalize();
  public static final ObjectMapper MAPPER = ConfigMapper.create();

  private Experiments() {}

  /** Input 96, horizon 24, patches 16/8, GPT-2 d=64 with 2 layers, a few training steps. */
  public static ObjectNode tiny() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("name", "tiny");
    root.put("seed", 7);
    ObjectNode data = root.putObject("data");
    data.put("type", "csv");
    data.put("path", ETTH1.toString());
    data.put("input_length", 96);
    data.put("horizon", 24);
    ObjectNode embedder = root.putObject("embedder");
    embedder.put("type", "patch");
    embedder.put("patch_length", 16);
    embedder.put("stride", 8);
    ObjectNode backbone = root.putObject("backbone");
    backbone.put("type", "gpt2");
    backbone.put("n_embd", 64);
    backbone.put("n_head", 4);
    backbone.put("n_layer", 2);
    backbone.put("n_positions", 32);
    root.putObject("head").put("type", "forecast");
    ObjectNode training = root.putObject("training");
    training.put("epochs", 2);
    training.put("batch_size", 32);
    training.put("eval_batch_size", 512);
    training.put("max_train_steps", 40);
    return root;
  }

  public static Path write(Path folder, ObjectNode experiment) {
    return write(folder, "experiment.json", experiment.toPrettyString());
  }

  public static Path write(Path folder, Consumer<ObjectNode> edit) {
    ObjectNode experiment = tiny();
    edit.accept(experiment);
    return write(folder, experiment);
  }

  public static Path write(Path folder, String fileName, String content) {
    try {
      return Files.writeString(folder.resolve(fileName), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
