package io.tsllm.core.train;

/**
 * A distributed training stopped because another worker died, stopped answering or failed: the collective ops
 * that every step shares with it were aborted (a closed connection is seen at once, a silent worker after the
 * collective's timeout). The chief's last checkpoint is left as it was, and the run resumes from it.
 */
public final class WorkerLostException extends RuntimeException {

  WorkerLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
