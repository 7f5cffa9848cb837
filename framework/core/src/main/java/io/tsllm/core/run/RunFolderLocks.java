package io.tsllm.core.run;

import io.tsllm.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The run-folder locks this process holds, and the one place that opens a lock file.
 *
 * <p>A run folder is locked with an OS file lock, which belongs to the whole process. On Linux, closing any
 * descriptor of a file drops every lock the process holds on it (see {@link FileLock}), so a check that opened a
 * second channel on a lock this process holds, to try it, would release the lock it checks. Hence this registry is
 * process-wide, like the locks it records: a folder locked here is answered from the registry, and a lock file is
 * opened only when no thread of this process holds it. Acquiring, checking and releasing are serialised on the
 * registry, so that no check opens a file while another thread takes its lock.
 */
final class RunFolderLocks {

  private static final Map<Path, FileChannel> HELD = new HashMap<>();

  private RunFolderLocks() {}

  /** Takes the lock of {@code file} (created if missing), or refuses naming {@code folder} and the holder. */
  static RunDirectory.Lock acquire(Path folder, Path file) {
    synchronized (HELD) {
      if (HELD.containsKey(key(file))) {
        throw busy(folder, "pid " + ProcessHandle.current().pid() + ", this process");
      }
      try {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ);
        FileLock lock = channel.tryLock();
        if (lock == null) {
          String holder = holder(channel);
          channel.close();
          throw busy(folder, holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        Path key = key(file);
        HELD.put(key, channel);
        return () -> release(file, key, lock);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + file, e);
      }
    }
  }

  /** Whether a live process, this one included, holds the lock of {@code file}. */
  static boolean isHeld(Path file) {
    synchronized (HELD) {
      if (HELD.containsKey(key(file))) {
        return true;
      }
      // No thread of this process holds it, so opening and closing a channel here drops nothing.
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        FileLock lock = channel.tryLock();
        if (lock == null) {
          return true;
        }
        lock.release();
        return false;
      } catch (OverlappingFileLockException e) {
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }

  private static void release(Path file, Path key, FileLock lock) {
    synchronized (HELD) {
      FileChannel channel = HELD.remove(key);
      try {
        lock.release();
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release " + file, e);
      }
    }
  }

  /** One key per file, however the folder was named (relative, through a link). */
  private static Path key(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(256);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
  }

  private static UserInputException busy(Path folder, String holder) {
    return new UserInputException(folder + " is being run by another process" + (holder.isEmpty() ? ""
        : " (" + holder + ")") + "; wait for it to end, or stop it, before running this folder again");
  }
}
