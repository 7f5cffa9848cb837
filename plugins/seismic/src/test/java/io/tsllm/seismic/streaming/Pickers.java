package io.tsllm.seismic.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.run.ExperimentRunner;
import io.tsllm.datasets.hdf5.SyntheticStead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Picking models trained for tests on generated STEAD-layout data: a tiny GPT-2 behind a multi-scale conv. */
final class Pickers {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Pickers() {}

  /**
   * Trains a picker on {@code traces} generated traces of {@code samples} samples and returns its run folder.
   *
   * @param strides the conv blocks' strides (their product times the patch length sets the tokens)
   */
  static Path train(Path folder, int traces, int samples, int[] strides, int positions, int epochs, double threshold) {
    Path data = folder.resolve("stead.h5");
    SyntheticStead.write(data, traces, samples, 5);
    ObjectNode experiment = MAPPER.createObjectNode().put("name", "picker").put("seed", 7);
    ObjectNode source = experiment.putObject("data").put("type", "hdf5").put("path", data.toString())
        .put("waveforms", "/data").put("scale", false);
    source.putArray("channel_names").add("E").add("N").add("Z");
    source.putArray("picks").add("@p_arrival_sample").add("@s_arrival_sample");
    source.putArray("pick_names").add("P").add("S");
    ObjectNode embedder = experiment.putObject("embedder").put("type", "multiscale-conv").put("branches", 2)
        .put("patch_length", 4).put("normalize", "window");
    embedder.putArray("channels").add(8).add(16).add(16).add(16);
    embedder.putArray("kernels").add(16).add(8).add(6).add(1);
    embedder.putArray("kernel_steps").add(4).add(3).add(2).add(1);
    var strideList = embedder.putArray("strides");
    for (int stride : strides) {
      strideList.add(stride);
    }
    experiment.putObject("backbone").put("type", "gpt2").put("n_embd", 64).put("n_head", 4).put("n_layer", 2)
        .put("n_positions", positions);
    ObjectNode head = experiment.putObject("head").put("type", "pick").put("positive_weight", 5)
        .put("threshold", threshold);
    head.putArray("channels").add(8).add(8).add(8).add(8);
    experiment.putObject("training").put("epochs", epochs).put("max_train_steps", 0).put("batch_size", 16)
        .put("eval_batch_size", 64).put("learning_rate", 0.003);
    try {
      Path file = Files.writeString(folder.resolve("picker.json"), experiment.toPrettyString());
      return Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
          .run(file, folder.resolve("runs"), List.of()).directory().path();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
