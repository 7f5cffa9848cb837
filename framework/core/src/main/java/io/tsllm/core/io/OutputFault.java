package io.tsllm.core.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognizes a failure to write that the user must fix outside tsllm (a full disk, a read-only file system, a folder
 * without permission or that does not exist) anywhere in an exception's causes, including TensorFlow's native
 * errors, and says it in the operating system's words.
 */
public final class OutputFault {

  private static final List<String> REASONS = List.of("No space left on device", "Disk quota exceeded",
      "Read-only file system", "Permission denied");

  private OutputFault() {}

  /** The operating system's reason, when {@code e} comes from a write that the environment refused. */
  public static Optional<String> reason(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ReadOnlyFileSystemException) {
        return Optional.of("Read-only file system");
      }
      if (cause instanceof AccessDeniedException) {
        return Optional.of("Permission denied");
      }
      if (cause instanceof NoSuchFileException missing) {
        return Optional.of("no such file or folder: " + missing.getFile());
      }
      if (cause instanceof FileSystemException fs && fs.getReason() != null) {
        return Optional.of(fs.getReason());
      }
      String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
      for (String reason : REASONS) {
        if (message.contains(reason.toLowerCase(Locale.ROOT))) {
          return Optional.of(reason);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code e}'s own message with the operating system's reason, when there is one. */
  public static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return reason(e).filter(r -> !message.contains(r)).map(r -> message + " (" + r + ")").orElse(message);
  }
}
