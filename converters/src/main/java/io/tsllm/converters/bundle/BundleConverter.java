package io.tsllm.converters.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.converters.hf.HfWeightFiles;
import io.tsllm.converters.hf.SourceTensor;
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
import java.util.Locale;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.MergeV2Checkpoints;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Converts a HuggingFace model folder to the framework's format ({@link ConvertedModel}). Every tensor's shape is
 * checked against {@code config.json} first (the family's {@link ModelLayout}); tensors are then read and written
 * one at a time, so the Java heap holds one tensor, not the model. The result is assembled in a temporary folder
 * beside the output and renamed into place only when complete.
 */
public final class BundleConverter {

  /**
   * @param layers keep only what the first {@code layers} blocks need; null keeps all
   * @param wordEmbeddings also keep the input word embedding (time-series models feed their own tokens and skip it;
   *     Time-LLM's reprogramming reads it)
   */
  public record Options(Integer layers, boolean wordEmbeddings) {
    public static Options all() {
      return new Options(null, false);
    }
  }

  /** Writes the converted folder at {@code output}; returns it. */
  public Path convert(HfWeightFiles checkpoint, ModelLayout layout, Path output, Options options) {
    Path target = output.toAbsolutePath().normalize();
    if (Files.exists(target) && !isEmptyFolder(target)) {
      throw new CheckpointException(target, null, "already exists and is not empty; choose a new output folder");
    }
    int layers = options.layers() == null ? layout.layerCount() : options.layers();
    if (layers < 1 || layers > layout.layerCount()) {
      throw new CheckpointException(checkpoint.folder(), null, "--layers " + layers + " is outside 1.."
          + layout.layerCount() + " (the model's layer count)");
    }
    List<String> names = new ArrayList<>(layout.requiredTensors(layers));
    if (options.wordEmbeddings()) {
      names.add(0, layout.wordEmbeddings());
    }
    List<SourceTensor> tensors = checkShapes(checkpoint, layout, names);
    Path temp = createTemp(target);
    try {
      writeBundle(temp, names, tensors);
      writeManifest(temp, checkpoint, layout, layers, options, names, tensors);
      Files.copy(checkpoint.folder().resolve("config.json"), temp.resolve("config.json"));
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
    return target;
  }

  private static List<SourceTensor> checkShapes(HfWeightFiles checkpoint, ModelLayout layout, List<String> names) {
    List<SourceTensor> tensors = new ArrayList<>();
    for (String name : names) {
      SourceTensor tensor = checkpoint.tensors().get(name);
      if (tensor == null) {
        throw new CheckpointException(checkpoint.folder(), name, "is missing from " + checkpoint.files());
      }
      long[] expected = layout.expectedShape(name);
      long[] actual = tensor.shape();
      if (!fits(expected, actual)) {
        throw new CheckpointException(tensor.file(), tensor.storedName(), "has shape " + Arrays.toString(actual)
            + ", but config.json (" + layout.shapeFields() + ") implies " + describe(expected));
      }
      tensors.add(tensor);
    }
    return tensors;
  }

  private static boolean fits(long[] expected, long[] actual) {
    if (expected == null || expected.length != actual.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != -1 && expected[i] != actual[i]) {
        return false;
      }
    }
    return true;
  }

  private static String describe(long[] expected) {
    return expected == null ? "no such tensor" : Arrays.toString(expected).replace("-1", "vocab");
  }

  /** Float32 bytes written per part: what the writer holds in native memory at once (plus one tensor). */
  private static final long PART_BYTES = 128L << 20;

  /**
   * Streams tensors into the bundle: a few at a time they are saved as one part (TensorFlow's SaveV2, fed
   * directly, no variables), then the parts are merged into one bundle (MergeV2Checkpoints). Memory holds one part,
   * never the model: a 1B-parameter checkpoint converts in a few hundred megabytes.
   */
  private static void writeBundle(Path folder, List<String> names, List<SourceTensor> tensors) throws IOException {
    Path checkpoint = Files.createDirectories(folder.resolve(ConvertedModel.CHECKPOINT));
    Path partsFolder = Files.createDirectories(folder.resolve("parts"));
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TString> prefix = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TString> partNames = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      Placeholder<TString> slices = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      List<String> partPrefixes = new ArrayList<>();
      int next = 0;
      while (next < names.size()) {
        int end = next;
        long bytes = 0;
        while (end < names.size() && (end == next || bytes + floatBytes(tensors.get(end)) <= PART_BYTES)) {
          bytes += floatBytes(tensors.get(end++));
        }
        String part = partsFolder.resolve(String.format(Locale.ROOT, "part-%05d", partPrefixes.size())).toString();
        savePart(tf, session, prefix, partNames, slices, part, names.subList(next, end), tensors.subList(next, end));
        partPrefixes.add(part);
        next = end;
      }
      Placeholder<TString> all = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      var merge = tf.train.mergeV2Checkpoints(all,
          tf.constant(checkpoint.resolve(ConvertedModel.PREFIX).toString()), MergeV2Checkpoints.deleteOldDirs(true));
      try (TString parts = TString.vectorOf(partPrefixes.toArray(String[]::new))) {
        session.runner().feed(all, parts).addTarget(merge).run();
      }
    }
    deleteTree(partsFolder);
  }

  private static void savePart(Ops tf, Session session, Placeholder<TString> prefix, Placeholder<TString> partNames,
      Placeholder<TString> slices, String part, List<String> names, List<SourceTensor> tensors) {
    List<Placeholder<TFloat32>> inputs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      inputs.add(tf.placeholder(TFloat32.class));
    }
    var save = tf.train.save(prefix, partNames, slices, new ArrayList<>(inputs));
    List<TFloat32> values = new ArrayList<>();
    try (TString p = TString.scalarOf(part); TString n = TString.vectorOf(names.toArray(String[]::new));
        TString s = TString.vectorOf(java.util.Collections.nCopies(names.size(), "").toArray(String[]::new))) {
      var runner = session.runner().feed(prefix, p).feed(partNames, n).feed(slices, s);
      for (int i = 0; i < names.size(); i++) {
        SourceTensor source = tensors.get(i);
        // Copied into native memory at once, so the heap holds one tensor's floats, not the part's.
        TFloat32 value = TFloat32.tensorOf(Shape.of(source.shape()), DataBuffers.of(source.read(), true, false));
        values.add(value);
        runner.feed(inputs.get(i), value);
      }
      runner.addTarget(save).run();
    } finally {
      values.forEach(TFloat32::close);
    }
  }

  private static long floatBytes(SourceTensor tensor) {
    long size = 4;
    for (long d : tensor.shape()) {
      size *= d;
    }
    return size;
  }

  private static void writeManifest(Path folder, HfWeightFiles checkpoint, ModelLayout layout, int layers,
      Options options, List<String> names, List<SourceTensor> tensors) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", layout.format());
    root.put("format_version", 1);
    root.put("source", checkpoint.folder().toAbsolutePath().toString());
    ArrayNode files = root.putArray("source_files");
    for (Path file : checkpoint.files()) {
      files.addObject().put("path", file.getFileName().toString()).put("bytes", Files.size(file))
          .put("sha256", FileDigest.sha256(file));
    }
    layout.describe(root.putObject("config"));
    root.put("layers", layers);
    root.put("word_embeddings", options.wordEmbeddings());
    root.put("checkpoint", ConvertedModel.CHECKPOINT + "/" + ConvertedModel.PREFIX);
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
    Files.write(folder.resolve(ConvertedModel.MANIFEST), mapper.writeValueAsBytes(root));
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
