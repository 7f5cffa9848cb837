package io.tsllm.converters.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.converters.safetensors.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A converted folder's {@code manifest.json}, as {@link BundleConverter} writes it, with its bundle checked.
 *
 * @param config the family's config section, for the family to read
 */
public record Manifest(JsonNode config, int layers, Path checkpointPrefix, Map<String, long[]> shapes) {

  /** Reads the manifest of {@code folder}, which must be of {@code format}. */
  public static Manifest read(Path folder, String format) {
    Path manifest = folder.resolve(ConvertedModel.MANIFEST);
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(manifest));
    } catch (IOException e) {
      throw new CheckpointException(manifest, null, "cannot be read: " + e.getMessage(), e);
    }
    if (!format.equals(root.path("format").asText())) {
      throw new CheckpointException(manifest, null, "is not a " + format + " manifest (format '"
          + root.path("format").asText() + "')");
    }
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (JsonNode tensor : root.path("tensors")) {
      JsonNode dims = tensor.path("shape");
      long[] shape = new long[dims.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = dims.get(i).asLong();
      }
      shapes.put(tensor.path("name").asText(), shape);
    }
    Path prefix = folder.resolve(ConvertedModel.CHECKPOINT).resolve(ConvertedModel.PREFIX);
    if (!Files.isRegularFile(Path.of(prefix + ".index"))) {
      throw new CheckpointException(folder, null, "lacks its checkpoint bundle " + prefix + ".index");
    }
    return new Manifest(root.path("config"), root.path("layers").asInt(), prefix, Map.copyOf(shapes));
  }
}
