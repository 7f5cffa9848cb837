package io.tsllm.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.run.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * TensorFlow checkpoints under labels ({@code best}, later {@code last}). A save goes to a fresh folder first; only
 * when it is complete does the label's pointer file {@code <label>.json} switch to it (an atomic rename), and only
 * then is the previous folder removed. A crash at any moment leaves the previous checkpoint readable.
 */
public final class CheckpointStore {

  private static final String PREFIX = "model";
  private final Path root;
  private final ObjectMapper mapper;

  public CheckpointStore(Path root, ObjectMapper mapper) {
    this.root = root;
    this.mapper = mapper;
  }

  /**
   * Saves every variable of the session's graph.
   *
   * @param info what the checkpoint holds (epoch, metric), stored in the pointer file
   */
  public Path save(org.tensorflow.Session session, String label, ObjectNode info) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory(root, label + "-");
      try {
        session.save(folder.resolve(PREFIX).toString());
      } catch (RuntimeException e) {
        // A failed save (disk full, I/O error) leaves the label on its previous, complete checkpoint.
        deleteTree(folder);
        throw new UncheckedIOException(new IOException("cannot save checkpoint '" + label + "' under " + root
            + "; the previous one is intact: " + current(label), e));
      }
      Path previous = current(label);
      ObjectNode pointer = info.deepCopy();
      pointer.put("folder", folder.getFileName().toString());
      pointer.put("prefix", PREFIX);
      AtomicFiles.write(root.resolve(label + ".json"), mapper.writeValueAsBytes(pointer));
      if (previous != null && !previous.equals(folder)) {
        deleteTree(previous);
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint '" + label + "' under " + root, e);
    }
  }

  /** Restores the variables saved under {@code label}. */
  public void restore(org.tensorflow.Session session, String label) {
    Path folder = current(label);
    if (folder == null) {
      throw new IllegalStateException("no checkpoint '" + label + "' under " + root);
    }
    session.restore(folder.resolve(PREFIX).toString());
  }

  public Path root() {
    return root;
  }

  /** What was stored with the label's latest save, or null when there is none. */
  public ObjectNode info(String label) {
    Path pointer = root.resolve(label + ".json");
    if (!Files.isRegularFile(pointer)) {
      return null;
    }
    try {
      return (ObjectNode) mapper.readTree(pointer.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint pointer " + pointer, e);
    }
  }

  /** The folder the label points at, or null. */
  public Path current(String label) {
    Path pointer = root.resolve(label + ".json");
    if (!Files.isRegularFile(pointer)) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(pointer.toFile());
      return root.resolve(node.get("folder").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint pointer " + pointer, e);
    }
  }

  /** Deletes checkpoint folders no label points at: saves a crash interrupted before their pointer switched. */
  public void removeOrphans() {
    try (Stream<Path> entries = Files.list(root)) {
      java.util.Set<Path> live = new java.util.HashSet<>();
      for (Path pointer : Files.list(root).filter(p -> p.toString().endsWith(".json")).toList()) {
        String label = pointer.getFileName().toString().replaceFirst("\\.json$", "");
        Path folder = current(label);
        if (folder != null) {
          live.add(folder);
        }
      }
      for (Path entry : entries.filter(Files::isDirectory).toList()) {
        if (!live.contains(entry)) {
          deleteTree(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy " + root, e);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
