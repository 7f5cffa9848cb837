package io.tsllm.converters.safetensors;

import io.tsllm.spi.DataException;
import java.nio.file.Path;

/**
 * A checkpoint file that cannot be read as what it claims to be; names the file and, where known, the tensor. It is
 * a {@link DataException}, so the CLI reports it as input to fix.
 */
public final class CheckpointException extends DataException {

  public CheckpointException(Path file, String tensor, String problem) {
    super(file, tensor == null ? null : "tensor '" + tensor + "'", problem);
  }

  public CheckpointException(Path file, String tensor, String problem, Throwable cause) {
    super(file, tensor == null ? null : "tensor '" + tensor + "'", problem, cause);
  }
}
