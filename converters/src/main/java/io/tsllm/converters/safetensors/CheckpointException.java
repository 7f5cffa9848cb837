package io.tsllm.converters.safetensors;

import java.nio.file.Path;

/** A checkpoint file that cannot be read as what it claims to be; names the file and, where known, the tensor. */
public final class CheckpointException extends RuntimeException {

  public CheckpointException(Path file, String tensor, String problem) {
    super(file + (tensor == null ? "" : ", tensor '" + tensor + "'") + ": " + problem);
  }

  public CheckpointException(Path file, String tensor, String problem, Throwable cause) {
    this(file, tensor, problem);
    initCause(cause);
  }
}
