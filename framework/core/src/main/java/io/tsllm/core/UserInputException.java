package io.tsllm.core;

/**
 * A failure the user can fix in their input (config, data, plugin jars), as opposed to a bug or a failing run.
 * Its message is complete and is shown without a stack trace.
 */
public class UserInputException extends RuntimeException {

  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
