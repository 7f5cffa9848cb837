package io.tsllm.core.model;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.PluginSection;
import io.tsllm.spi.DataException;
import java.util.function.Supplier;

/**
 * Runs a plugin's graph-building code so that a fault in it is reported as the plugin's, with its name, where it
 * came from and its own message (exit 2: a plugin to fix or remove), never as an internal error of the framework.
 */
final class PluginFaults {

  private PluginFaults() {}

  static <T> T call(PluginSection section, String what, Supplier<T> code) {
    try {
      return code.get();
    } catch (UserInputException | DataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw fault(section, what + " threw " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  static void run(PluginSection section, String what, Runnable code) {
    call(section, what, () -> {
      code.run();
      return null;
    });
  }

  static UserInputException fault(PluginSection section, String problem) {
    return fault(section, problem, null);
  }

  private static UserInputException fault(PluginSection section, String problem, Throwable cause) {
    return new UserInputException("a fault in the " + section.plugin().kind().section() + " plugin '"
        + section.type() + "' (" + section.plugin().sourceLabel() + "): " + problem, cause);
  }
}
