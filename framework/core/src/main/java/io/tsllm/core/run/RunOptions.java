package io.tsllm.core.run;

import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.distributed.ClusterSpec;
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
 * @param runFolder the exact run folder to create (a suite's cell), in place of a new dated one under the output
 *     folder; null for the usual dated folder
 * @param cluster the workers of a distributed training this process is one of ({@code run --cluster}, TF_CONFIG);
 *     null for a run in this process alone
 */
public record RunOptions(Path outputOverride, List<String> commandLine, PrintStream events, ConfigOverrides overrides,
    Path runFolder, ClusterSpec cluster) {

  public RunOptions(Path outputOverride, List<String> commandLine, PrintStream events, ConfigOverrides overrides,
      Path runFolder) {
    this(outputOverride, commandLine, events, overrides, runFolder, null);
  }

  public RunOptions(Path outputOverride, List<String> commandLine, PrintStream events) {
    this(outputOverride, commandLine, events, ConfigOverrides.none());
  }

  public RunOptions(Path outputOverride, List<String> commandLine, PrintStream events, ConfigOverrides overrides) {
    this(outputOverride, commandLine, events, overrides, null);
  }

  /** A run into exactly {@code folder}, which must not exist yet. */
  public static RunOptions inFolder(Path folder, List<String> commandLine, ConfigOverrides overrides) {
    return new RunOptions(null, commandLine, null, overrides, folder);
  }

  public RunOptions {
    commandLine = List.copyOf(commandLine);
  }

  /** The same options as one worker of {@code cluster}. */
  public RunOptions inCluster(ClusterSpec cluster) {
    return new RunOptions(outputOverride, commandLine, events, overrides, runFolder, cluster);
  }
}
