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
 * or {@code pytorch_model.bin}; any of F32, F16, BF16, F64. Tensors are found by the model family's name for them
 * ({@link #open}'s {@code normalize}) and read one at a time, on demand.
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
    try {
      Path single = folder.resolve("model.safetensors");
      Path index = folder.resolve("model.safetensors.index.json");
      Path bin = folder.resolve("pytorch_model.bin");
      if (Files.isRegularFile(single)) {
        files.add(single);
      } else if (Files.isRegularFile(index)) {
        files.addAll(shards(index));
      } else if (Files.isRegularFile(bin)) {
        files.add(bin);
      } else {
        throw new CheckpointException(folder, null,
            "holds no weights: expected model.safetensors, model.safetensors.index.json with its shards, or"
                + " pytorch_model.bin");
      }
      for (Path file : files) {
        if (file.getFileName().toString().endsWith(".bin")) {
          PytorchCheckpoint checkpoint = PytorchCheckpoint.open(file);
          open.add(checkpoint);
          checkpoint.tensors().forEach(t -> add(tensors, t, normalize));
        } else {
          SafetensorsFile safetensors = SafetensorsFile.open(file);
          open.add(safetensors);
          for (TensorInfo info : safetensors.tensors().values()) {
            add(tensors, new SafetensorsTensor(safetensors, info), normalize);
          }
        }
      }
    } catch (RuntimeException e) {
      closeAll(open);
      throw e;
    }
    return new HfWeightFiles(folder, tensors, files, open);
  }

  private static List<Path> shards(Path index) {
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
    TreeSet<String> names = new TreeSet<>();
    map.fields().forEachRemaining(e -> names.add(e.getValue().asText()));
    List<Path> shards = new ArrayList<>();
    for (String name : names) {
      Path shard = index.resolveSibling(name);
      if (!Files.isRegularFile(shard)) {
        throw new CheckpointException(index, null, "names shard '" + name + "', which is missing");
      }
      shards.add(shard);
    }
    return shards;
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
