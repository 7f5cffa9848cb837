package io.tsllm.converters.gpt2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.converters.safetensors.CheckpointException;
import io.tsllm.spi.FileDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Converts a HuggingFace GPT-2 folder to the framework's format ({@link ConvertedGpt2}). Every tensor's shape is
 * checked against {@code config.json} first; tensors are then read and written one at a time, so the Java heap
 * holds one tensor, not the model. The result is assembled in a temporary folder beside the output and renamed
 * into place only when complete.
 */
public final class Gpt2Converter {

  /**
   * @param layers keep only what the first {@code layers} blocks need; null keeps all
   * @param wordEmbeddings also keep {@code wte.weight} (time-series models feed their own tokens and skip it)
   */
  public record Options(Integer layers, boolean wordEmbeddings) {
    public static Options all() {
      return new Options(null, false);
    }
  }

  public ConvertedGpt2 convert(Path source, Path output, Options options) {
    Path target = output.toAbsolutePath().normalize();
    if (Files.exists(target) && !isEmptyFolder(target)) {
      throw new CheckpointException(target, null, "already exists and is not empty; choose a new output folder");
    }
    try (HfGpt2Checkpoint checkpoint = HfGpt2Checkpoint.open(source)) {
      HfGpt2Config config = checkpoint.config();
      int layers = options.layers() == null ? config.nLayer() : options.layers();
      if (layers < 1 || layers > config.nLayer()) {
        throw new CheckpointException(source, null, "--layers " + layers + " is outside 1.." + config.nLayer()
            + " (the model's n_layer)");
      }
      List<String> names = new ArrayList<>(config.requiredTensors(layers));
      if (options.wordEmbeddings()) {
        names.add(0, "wte.weight");
      }
      List<SourceTensor> tensors = checkShapes(checkpoint, config, names);
      Path temp = createTemp(target);
      try {
        writeBundle(temp, names, tensors);
        writeManifest(temp, checkpoint, config, layers, options, names, tensors);
        Files.copy(source.resolve("config.json"), temp.resolve("config.json"));
        if (Files.exists(target)) {
          Files.delete(target);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteTree(temp);
        throw new UncheckedIOException("cannot write " + target, e);
      } catch (RuntimeException e) {
        deleteTree(temp);
        throw e;
      }
    }
    return ConvertedGpt2.open(target);
  }

  private static List<SourceTensor> checkShapes(HfGpt2Checkpoint checkpoint, HfGpt2Config config, List<String> names) {
    List<SourceTensor> tensors = new ArrayList<>();
    for (String name : names) {
      SourceTensor tensor = checkpoint.tensors().get(name);
      if (tensor == null) {
        throw new CheckpointException(checkpoint.folder(), name, "is missing from " + checkpoint.files());
      }
      long[] expected = config.expectedShape(name);
      long[] actual = tensor.shape();
      boolean fits = expected != null
          ? Arrays.equals(expected, actual)
          : actual.length == 2 && actual[1] == config.nEmbd();
      if (!fits) {
        throw new CheckpointException(tensor.file(), tensor.storedName(), "has shape " + Arrays.toString(actual)
            + ", but config.json (n_embd " + config.nEmbd() + ", n_positions " + config.nPositions() + ") implies "
            + (expected == null ? "[vocab, " + config.nEmbd() + "]" : Arrays.toString(expected)));
      }
      tensors.add(tensor);
    }
    return tensors;
  }

  /** One variable, placeholder and assignment per tensor; fed one at a time, then saved as one bundle. */
  private static void writeBundle(Path folder, List<String> names, List<SourceTensor> tensors) throws IOException {
    Files.createDirectories(folder.resolve(ConvertedGpt2.CHECKPOINT));
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      List<Placeholder<TFloat32>> inputs = new ArrayList<>();
      List<Assign<TFloat32>> assigns = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        Shape shape = Shape.of(tensors.get(i).shape());
        Variable<TFloat32> variable = tf.withName(names.get(i)).variable(shape, TFloat32.class);
        Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
        inputs.add(input);
        assigns.add(tf.assign(variable, input));
      }
      try (Session session = new Session(graph)) {
        for (int i = 0; i < names.size(); i++) {
          SourceTensor source = tensors.get(i);
          float[] values = source.read();
          try (TFloat32 value = TFloat32.tensorOf(Shape.of(source.shape()), DataBuffers.of(values, true, false))) {
            session.runner().feed(inputs.get(i), value).addTarget(assigns.get(i)).run();
          }
        }
        session.save(folder.resolve(ConvertedGpt2.CHECKPOINT).resolve(ConvertedGpt2.PREFIX).toString());
      }
    }
  }

  private static void writeManifest(Path folder, HfGpt2Checkpoint checkpoint, HfGpt2Config config, int layers,
      Options options, List<String> names, List<SourceTensor> tensors) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", ConvertedGpt2.FORMAT);
    root.put("format_version", 1);
    root.put("source", checkpoint.folder().toAbsolutePath().toString());
    ArrayNode files = root.putArray("source_files");
    for (Path file : checkpoint.files()) {
      files.addObject().put("path", file.getFileName().toString()).put("bytes", Files.size(file))
          .put("sha256", FileDigest.sha256(file));
    }
    ObjectNode c = root.putObject("config");
    c.put("n_embd", config.nEmbd());
    c.put("n_layer", config.nLayer());
    c.put("n_head", config.nHead());
    c.put("n_positions", config.nPositions());
    c.put("layer_norm_epsilon", config.layerNormEpsilon());
    c.put("activation_function", config.activationFunction());
    root.put("layers", layers);
    root.put("word_embeddings", options.wordEmbeddings());
    root.put("checkpoint", ConvertedGpt2.CHECKPOINT + "/" + ConvertedGpt2.PREFIX);
    ArrayNode list = root.putArray("tensors");
    for (int i = 0; i < names.size(); i++) {
      SourceTensor t = tensors.get(i);
      ObjectNode entry = list.addObject();
      entry.put("name", names.get(i));
      ArrayNode shape = entry.putArray("shape");
      Arrays.stream(t.shape()).forEach(shape::add);
      entry.put("dtype", "float32");
      entry.put("source_dtype", t.dtype());
      entry.put("source_name", t.storedName());
      entry.put("source_file", t.file().getFileName().toString());
    }
    Files.write(folder.resolve(ConvertedGpt2.MANIFEST), mapper.writeValueAsBytes(root));
  }

  private static Path createTemp(Path target) {
    try {
      Files.createDirectories(target.getParent());
      return Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder beside " + target, e);
    }
  }

  private static boolean isEmptyFolder(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // best effort: the folder is hidden and named .tmp-
    }
  }

}
