package io.tsllm.core.run;

import io.tsllm.core.config.ConfigOverrides;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How the CLI asked for a run.
 *
 * @param outputOverride replaces the config's {@code output.dir} when not null
 * @param commandLine recorded in provenance
 * @param events where to echo the JSON-lines events (the CLI's {@code --json}); null for none
 * @param overrides changes to the experiment file ({@code --set})
 */
public record RunOptions(Path outputOverride, List<String> commandLine, PrintStream events, ConfigOverrides overrides) {

  public RunOptions(Path outputOverride, List<String> commandLine, PrintStream events) {
    this(outputOverride, commandLine, events, ConfigOverrides.none());
  }

  public RunOptions {
    commandLine = List.copyOf(commandLine);
  }
}
