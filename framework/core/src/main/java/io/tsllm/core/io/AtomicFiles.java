package io.tsllm.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a file so that readers see either the old content or the new, never a half-written file, and so that
 * what was written survives a power loss as well as a killed process: the content is forced to the disk before
 * the rename, and the folder's entry after it.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  public static void write(Path target, byte[] content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      rename(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Renames {@code source} (a file or a folder) to {@code target}, replacing it, atomically where the file system
   * can. The source's content is forced to the disk first, and the folders that hold the two names after, so that
   * both the content and the rename are on the disk when this returns.
   */
  public static void move(Path source, Path target) throws IOException {
    if (Files.isDirectory(source)) {
      forceTree(source);
    } else {
      forceFile(source);
    }
    rename(source, target);
  }

  /** The atomic rename, then the folders of both names forced. */
  private static void rename(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    Path from = source.toAbsolutePath().getParent();
    Path to = target.toAbsolutePath().getParent();
    forceFolder(to);
    if (!from.equals(to)) {
      forceFolder(from);
    }
  }

  /**
   * Forces every file under {@code folder} and every folder's entries to the disk: for trees written by others
   * (TensorFlow's checkpoint writer closes its files without syncing them) before a pointer to them is switched.
   */
  public static void forceTree(Path folder) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      if (Files.isRegularFile(path)) {
        forceFile(path);
      } else if (Files.isDirectory(path)) {
        forceFolder(path);
      }
    }
    forceFolder(folder.toAbsolutePath().getParent());
  }

  private static void forceFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Forces a folder's entries (names created, renamed or removed in it) to the disk. Linux and the BSDs do this
   * through a descriptor of the folder; where a folder cannot be opened so (Windows), the file system orders its
   * metadata itself, and there is nothing more to do.
   */
  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not supported for folders on this platform
    }
  }

  /** Deletes a folder and everything in it; nothing happens when it does not exist. */
  public static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
