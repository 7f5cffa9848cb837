package io.tsllm.core.serve.streaming;

import io.tsllm.core.UserInputException;
import io.tsllm.core.plugin.DiscoveredPlugin;
import io.tsllm.core.plugin.PluginKind;
import io.tsllm.core.plugin.PluginRegistry;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.TraceWriter;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Trace files written through the writer plugin that accepts their name ({@code .csv}, {@code .mseed}, ...). */
final class TraceOutputs {

  private final PluginRegistry plugins;
  private final PluginOptionBinder options;

  @Inject
  TraceOutputs(PluginRegistry plugins, PluginOptionBinder options) {
    this.plugins = plugins;
    this.options = options;
  }

  /**
   * Opens {@code temporary} for {@code target} with the writer that accepts the target's name.
   *
   * @param option the command-line option that named the target, for messages
   */
  TraceWriter.TraceSink open(String option, Path target, Path temporary, List<String> writerOptions, String source,
      List<String> names, Instant start, double rate) {
    DiscoveredPlugin plugin = plugins.all(PluginKind.WRITER).stream()
        .filter(p -> ((TraceWriter<?>) p.plugin()).accepts(target)).findFirst()
        .orElseThrow(() -> new UserInputException(option + ": no trace writer writes " + target.getFileName()
            + " (the writers are " + plugins.names(PluginKind.WRITER) + ", `plugins` says which files each writes)"));
    @SuppressWarnings("unchecked")
    TraceWriter<PluginConfig> writer = (TraceWriter<PluginConfig>) plugin.plugin();
    PluginConfig config = options.bind("--writer-option", plugin, writerOptions);
    return writer.open(temporary, source, names, start, rate, config);
  }
}
