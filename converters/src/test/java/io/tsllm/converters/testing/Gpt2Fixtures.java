package io.tsllm.converters.testing;

import io.tsllm.converters.safetensors.SafetensorsFile;
import io.tsllm.converters.safetensors.SafetensorsWriter;
import io.tsllm.converters.safetensors.TensorDType;
import io.tsllm.converters.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a GPT-2 checkpoint in each layout HuggingFace's {@code save_pretrained} and {@code torch.save} produce,
 * from a set of tensors, so tests can check that every layout converts to the same model.
 */
public final class Gpt2Fixtures {

  public enum Layout { SAFETENSORS, SHARDED, PYTORCH_BIN }

  /** A tensor's shape and float32 values. */
  public record Tensor(long[] shape, float[] values) {}

  private Gpt2Fixtures() {}

  public static Map<String, Tensor> read(Path safetensors) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    try (SafetensorsFile file = SafetensorsFile.open(safetensors)) {
      for (TensorInfo info : file.tensors().values()) {
        tensors.put(info.name(), new Tensor(info.shape(), file.readFloats(info.name())));
      }
    }
    return tensors;
  }

  /**
   * Writes {@code folder} as HuggingFace would: config.json and weights in {@code layout} and {@code dtype}. With
   * {@code prefixed}, names carry {@code transformer.} and the folder also holds what GPT2LMHeadModel saves beside
   * the weights GPT2Model uses: a word embedding, {@code lm_head.weight} and the legacy attention buffers.
   */
  public static Path writeHfFolder(Path folder, Path configJson, Map<String, Tensor> tensors, Layout layout,
      TensorDType dtype, boolean prefixed) throws IOException {
    Files.createDirectories(folder);
    Files.copy(configJson, folder.resolve("config.json"));
    Map<String, Tensor> stored = new LinkedHashMap<>();
    String prefix = prefixed ? "transformer." : "";
    tensors.forEach((name, t) -> stored.put(prefix + name, t));
    if (prefixed) {
      long width = tensors.get("wpe.weight").shape()[1];
      Tensor wte = random(new long[] {50, width}, 11);
      stored.put("transformer.wte.weight", wte);
      stored.put("lm_head.weight", wte);
      long positions = tensors.get("wpe.weight").shape()[0];
      for (String name : tensors.keySet()) {
        if (name.endsWith(".ln_1.weight")) {
          String block = name.substring(0, name.length() - ".ln_1.weight".length());
          stored.put("transformer." + block + ".attn.bias", random(new long[] {1, 1, positions, positions}, 3));
          stored.put("transformer." + block + ".attn.masked_bias", new Tensor(new long[0], new float[] {-1e4f}));
        }
      }
    }
    switch (layout) {
      case SAFETENSORS -> writer(stored).write(folder.resolve("model.safetensors"), dtype);
      case SHARDED -> writeShards(folder, stored, dtype);
      case PYTORCH_BIN -> TorchCheckpointWriter.write(folder.resolve("pytorch_model.bin"), stored, dtype);
    }
    return folder;
  }

  private static void writeShards(Path folder, Map<String, Tensor> stored, TensorDType dtype) throws IOException {
    List<String> names = new ArrayList<>(stored.keySet());
    int half = names.size() / 2;
    StringBuilder index = new StringBuilder("{\"metadata\": {\"total_size\": 0}, \"weight_map\": {");
    for (int shard = 0; shard < 2; shard++) {
      String file = String.format("model-%05d-of-00002.safetensors", shard + 1);
      SafetensorsWriter writer = new SafetensorsWriter();
      List<String> part = shard == 0 ? names.subList(0, half) : names.subList(half, names.size());
      for (String name : part) {
        writer.add(name, stored.get(name).shape(), stored.get(name).values());
        index.append(index.charAt(index.length() - 1) == '{' ? "" : ", ")
            .append('"').append(name).append("\": \"").append(file).append('"');
      }
      writer.write(folder.resolve(file), dtype);
    }
    Files.writeString(folder.resolve("model.safetensors.index.json"), index.append("}}").toString());
  }

  private static SafetensorsWriter writer(Map<String, Tensor> tensors) {
    SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
    tensors.forEach((name, t) -> writer.add(name, t.shape(), t.values()));
    return writer;
  }

  public static Tensor random(long[] shape, long seed) {
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    Random random = new Random(seed);
    float[] values = new float[(int) size];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return new Tensor(shape, values);
  }
}
