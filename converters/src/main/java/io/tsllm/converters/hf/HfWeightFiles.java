package io.tsllm.converters.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.converters.safetensors.CheckpointException;
import io.tsllm.converters.safetensors.SafetensorsFile;
import io.tsllm.converters.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The weights of a HuggingFace model folder, in any layout {@code save_pretrained} writes: {@code
 * model.safetensors}, sharded {@code model-0000k-of-0000N.safetensors} with {@code model.safetensors.index.json},
 * {@code pytorch_model.bin}, or sharded {@code pytorch_model-0000k-of-0000N.bin} with {@code
 * pytorch_model.bin.index.json}; weights in any of F32, F16, BF16, F64, beside buffers of any other dtype. Tensors
 * are found by the model family's name for them ({@link #open}'s {@code normalize}) and read one at a time, on
 * demand.
 */
public final class HfWeightFiles implements AutoCloseable {

  private final Path folder;
  private final Map<String, SourceTensor> tensors;
  private final List<Path> files;
  private final List<AutoCloseable> open;

  private HfWeightFiles(Path folder, Map<String, SourceTensor> tensors, List<Path> files, List<AutoCloseable> open) {
    this.folder = folder;
    this.tensors = tensors;
    this.files = files;
    this.open = open;
  }

  /**
   * @param normalize the family's name for a stored tensor name ({@code transformer.h.0...} to {@code h.0...}), or
   *     null for tensors the model does not use
   */
  public static HfWeightFiles open(Path folder, UnaryOperator<String> normalize) {
    if (!Files.isDirectory(folder)) {
      throw new CheckpointException(folder, null, "is not a folder; expected a HuggingFace model folder");
    }
    List<AutoCloseable> open = new ArrayList<>();
    Map<String, SourceTensor> tensors = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    Map<String, String> weightMap = Map.of();
    Path indexUsed = null;
    try {
      Path single = folder.resolve("model.safetensors");
      Path index = folder.resolve("model.safetensors.index.json");
      Path bin = folder.resolve("pytorch_model.bin");
      Path binIndex = folder.resolve("pytorch_model.bin.index.json");
      if (Files.isRegularFile(single)) {
        files.add(single);
      } else if (Files.isRegularFile(index)) {
        indexUsed = index;
      } else if (Files.isRegularFile(bin)) {
        files.add(bin);
      } else if (Files.isRegularFile(binIndex)) {
        indexUsed = binIndex;
      } else {
        throw new CheckpointException(folder, null,
            "holds no weights: expected model.safetensors, model.safetensors.index.json with its shards,"
                + " pytorch_model.bin, or pytorch_model.bin.index.json with its shards");
      }
      if (indexUsed != null) {
        weightMap = weightMap(indexUsed);
        files.addAll(shards(indexUsed, weightMap));
      }
      Map<String, Path> storedIn = new LinkedHashMap<>();
      for (Path file : files) {
        List<SourceTensor> stored = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".bin")) {
          PytorchCheckpoint checkpoint = PytorchCheckpoint.open(file);
          open.add(checkpoint);
          stored.addAll(checkpoint.tensors());
        } else {
          SafetensorsFile safetensors = SafetensorsFile.open(file);
          open.add(safetensors);
          for (TensorInfo info : safetensors.tensors().values()) {
            stored.add(new SafetensorsTensor(safetensors, info));
          }
        }
        for (SourceTensor tensor : stored) {
          storedIn.putIfAbsent(tensor.storedName(), file);
          add(tensors, tensor, normalize);
        }
      }
      checkWeightMap(indexUsed, weightMap, storedIn);
    } catch (RuntimeException e) {
      closeAll(open);
      throw e;
    }
    return new HfWeightFiles(folder, tensors, files, open);
  }

  /** The index's weight_map: stored tensor name to shard file name. */
  private static Map<String, String> weightMap(Path index) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(index));
    } catch (IOException e) {
      throw new CheckpointException(index, null, "is not readable JSON: " + e.getMessage(), e);
    }
    JsonNode map = root.get("weight_map");
    if (map == null || !map.isObject() || map.isEmpty()) {
      throw new CheckpointException(index, null, "has no weight_map");
    }
    Map<String, String> weightMap = new LinkedHashMap<>();
    for (var entry : map.properties()) {
      String shard = entry.getValue().asText();
      if (!entry.getValue().isTextual() || shard.isEmpty() || shard.contains("/") || shard.contains("\\")
          || shard.equals("..") || shard.equals(".")) {
        throw new CheckpointException(index, entry.getKey(), "weight_map names shard " + entry.getValue()
            + ", which is not a file name beside the index");
      }
      weightMap.put(entry.getKey(), shard);
    }
    return weightMap;
  }

  private static List<Path> shards(Path index, Map<String, String> weightMap) {
    List<Path> shards = new ArrayList<>();
    for (String name : new TreeSet<>(weightMap.values())) {
      Path shard = index.resolveSibling(name);
      if (!Files.isRegularFile(shard)) {
        throw new CheckpointException(index, null, "names shard '" + name + "', which is missing");
      }
      shards.add(shard);
    }
    return shards;
  }

  /** Every tensor the index names is in the shard it names: a shard from another save is caught here. */
  private static void checkWeightMap(Path index, Map<String, String> weightMap, Map<String, Path> storedIn) {
    for (Map.Entry<String, String> entry : weightMap.entrySet()) {
      Path file = storedIn.get(entry.getKey());
      if (file == null) {
        throw new CheckpointException(index, entry.getKey(), "is in the weight_map (shard " + entry.getValue()
            + ") but in no shard");
      }
      if (!file.getFileName().toString().equals(entry.getValue())) {
        throw new CheckpointException(index, entry.getKey(), "is in shard " + file.getFileName()
            + ", but the weight_map says " + entry.getValue());
      }
    }
  }

  private static void add(Map<String, SourceTensor> tensors, SourceTensor tensor, UnaryOperator<String> normalize) {
    String name = normalize.apply(tensor.storedName());
    if (name == null) {
      return;
    }
    SourceTensor previous = tensors.putIfAbsent(name, tensor);
    if (previous != null) {
      throw new CheckpointException(tensor.file(), tensor.storedName(), "appears twice (also in " + previous.file()
          + " as '" + previous.storedName() + "')");
    }
  }

  public Path folder() {
    return folder;
  }

  /** Tensors by normalized name. */
  public Map<String, SourceTensor> tensors() {
    return tensors;
  }

  /** The weight files read. */
  public List<Path> files() {
    return files;
  }

  @Override
  public void close() {
    closeAll(open);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // read-only resources: nothing to lose
      }
    }
  }

  private record SafetensorsTensor(SafetensorsFile source, TensorInfo info) implements SourceTensor {
    public String storedName() {
      return info.name();
    }

    public long[] shape() {
      return info.shape();
    }

    public String dtype() {
      return info.dtype().name();
    }

    public Path file() {
      return source.file();
    }

    public float[] read() {
      return source.readFloats(info.name());
    }
  }
}
