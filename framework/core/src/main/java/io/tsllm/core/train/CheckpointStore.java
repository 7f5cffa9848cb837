package io.tsllm.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
   * @param info what the checkpoint holds, stored in the pointer file with the folder
   */
  public Path save(org.tensorflow.Session session, String label, CheckpointInfo info) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory(root, label + "-");
      try {
        session.save(folder.resolve(PREFIX).toString());
      } catch (RuntimeException e) {
        // A failed save (disk full, I/O error) leaves the label on its previous, complete checkpoint.
        AtomicFiles.deleteTree(folder);
        throw new UncheckedIOException(new IOException("cannot save checkpoint '" + label + "' under " + root
            + "; the previous one is intact: " + current(label), e));
      }
      Path previous = current(label);
      CheckpointInfo pointer = info.at(folder.getFileName().toString(), PREFIX);
      AtomicFiles.write(root.resolve(label + ".json"), mapper.writeValueAsBytes(pointer));
      if (previous != null && !previous.equals(folder)) {
        AtomicFiles.deleteTree(previous);
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
  public CheckpointInfo info(String label) {
    Path pointer = root.resolve(label + ".json");
    if (!Files.isRegularFile(pointer)) {
      return null;
    }
    try {
      return mapper.readValue(pointer.toFile(), CheckpointInfo.class);
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
      return root.resolve(mapper.readValue(pointer.toFile(), CheckpointInfo.class).folder());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint pointer " + pointer, e);
    }
  }

  /** Deletes checkpoint folders no label points at: saves a crash interrupted before their pointer switched. */
  public void removeOrphans() {
    List<Path> entries;
    try (Stream<Path> list = Files.list(root)) {
      entries = list.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy " + root, e);
    }
    try {
      java.util.Set<Path> live = new java.util.HashSet<>();
      for (Path pointer : entries) {
        String name = pointer.getFileName().toString();
        Path folder = name.endsWith(".json") ? current(name.substring(0, name.length() - 5)) : null;
        if (folder != null) {
          live.add(folder);
        }
      }
      for (Path entry : entries.stream().filter(Files::isDirectory).toList()) {
        if (!live.contains(entry)) {
          AtomicFiles.deleteTree(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy " + root, e);
    }
  }

}
