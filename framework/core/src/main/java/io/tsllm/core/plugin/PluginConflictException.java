package io.tsllm.core.plugin;

import io.tsllm.core.UserInputException;

/** Two plugins of the same kind claim the same name. */
public final class PluginConflictException extends UserInputException {

  PluginConflictException(PluginKind kind, String name, String first, String second) {
    super("two " + kind.section() + " plugins are named '" + name + "': one in " + first + ", one in " + second
        + ". Remove one of the jars or rename one plugin.");
  }
}
