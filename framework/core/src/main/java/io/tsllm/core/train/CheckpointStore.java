package io.tsllm.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TensorFlow checkpoints under labels ({@code best}, later {@code last}). A save goes to a fresh folder first; only
 * when it is complete does the label's pointer file {@code <label>.json} switch to it (an atomic rename). A label
 * saved with {@code keepPrevious} keeps its previous checkpoint ({@code <label>.previous.json}) until the next one
 * is complete, so that a resume finds an intact checkpoint even when the newest is damaged; otherwise the previous
 * folder is removed once the pointer switched. A crash at any moment leaves the previous checkpoint readable.
 */
public final class CheckpointStore {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final String PREFIX = "model";
  private static final String PREVIOUS = ".previous";
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
    return save(session, label, info, false);
  }

  /**
   * @param keepPrevious keep the label's previous checkpoint as {@code <label>.previous} until the next save
   */
  public Path save(org.tensorflow.Session session, String label, CheckpointInfo info, boolean keepPrevious) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory(root, label + "-");
      try {
        session.save(folder.resolve(PREFIX).toString());
      } catch (RuntimeException e) {
        // A failed save (disk full, I/O error) leaves the label on its previous, complete checkpoint.
        AtomicFiles.deleteTree(folder);
        Path intact = current(label);
        throw new UncheckedIOException("cannot save checkpoint '" + label + "' under " + root
            + (intact == null ? "; there is no earlier one" : "; the previous one is intact: " + intact),
            new IOException(e.getMessage(), e));
      }
      // The checkpoint's files reach the disk before any pointer names them: a power loss cannot leave a pointer
      // to a folder whose data was still in the page cache.
      AtomicFiles.forceTree(folder);
      Path previous = current(label);
      Path older = current(label + PREVIOUS);
      Path pointerFile = root.resolve(label + ".json");
      if (keepPrevious && previous != null) {
        AtomicFiles.write(root.resolve(label + PREVIOUS + ".json"), Files.readAllBytes(pointerFile));
      }
      CheckpointInfo pointer = info.at(folder.getFileName().toString(), PREFIX);
      AtomicFiles.write(pointerFile, mapper.writeValueAsBytes(pointer));
      if (keepPrevious) {
        // The previous checkpoint stays, as <label>.previous; the one before it goes.
        if (older != null && !older.equals(previous) && !older.equals(folder)) {
          AtomicFiles.deleteTree(older);
        }
      } else if (previous != null && !previous.equals(folder)) {
        AtomicFiles.deleteTree(previous);
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint '" + label + "' under " + root, e);
    }
  }

  /**
   * Restores the newest intact checkpoint of {@code label}: its latest save, or else the previous one kept beside
   * it, saying why the newest could not be used.
   *
   * @return what the restored checkpoint holds
   * @throws CheckpointDamagedException naming every damage when neither is intact
   */
  public CheckpointInfo restoreNewestIntact(org.tensorflow.Session session, String label) {
    List<String> damage = new ArrayList<>();
    for (String pointer : List.of(label, label + PREVIOUS)) {
      Path file = root.resolve(pointer + ".json");
      if (!Files.isRegularFile(file)) {
        if (pointer.equals(label)) {
          damage.add(file.getFileName() + " is missing");
        }
        continue;
      }
      CheckpointInfo info;
      try {
        info = mapper.readValue(file.toFile(), CheckpointInfo.class);
      } catch (IOException e) {
        damage.add(file.getFileName() + " is not a checkpoint pointer (" + firstLine(e) + ")");
        continue;
      }
      Path folder = info.folder() == null ? null : root.resolve(info.folder());
      if (folder == null || !Files.isDirectory(folder)) {
        damage.add(file.getFileName() + " points at " + info.folder() + ", which does not exist");
        continue;
      }
      if (!Files.isRegularFile(folder.resolve(PREFIX + ".index"))) {
        damage.add(folder.getFileName() + "/ lacks its index " + PREFIX + ".index");
        continue;
      }
      try {
        session.restore(folder.resolve(PREFIX).toString());
      } catch (RuntimeException e) {
        damage.add(folder.getFileName() + "/ cannot be restored: " + firstLine(e));
        continue;
      }
      if (!damage.isEmpty()) {
        LOG.warn("the newest '{}' checkpoint is damaged ({}); using the previous one, {} (step {})", label,
            String.join("; ", damage), folder.getFileName(), info.step());
      }
      return info;
    }
    boolean saved = Files.isRegularFile(root.resolve("best.json"));
    throw new CheckpointDamagedException("cannot resume from " + root + ": no intact '" + label + "' checkpoint ("
        + String.join("; ", damage) + ")" + (saved ? "; the run had saved checkpoints (best.json is there), so"
            + " these were damaged or removed: start the run again" : "; the run may have stopped before its first"
            + " checkpoint: start it again"));
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
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

  /** The folder the label points at, or null (also when its pointer is unreadable). */
  public Path current(String label) {
    Path pointer = root.resolve(label + ".json");
    if (!Files.isRegularFile(pointer)) {
      return null;
    }
    try {
      String folder = mapper.readValue(pointer.toFile(), CheckpointInfo.class).folder();
      return folder == null ? null : root.resolve(folder);
    } catch (IOException e) {
      return null;
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
