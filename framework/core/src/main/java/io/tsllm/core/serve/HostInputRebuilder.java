package io.tsllm.core.serve;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.plugin.PluginKind;
import io.tsllm.core.plugin.PluginRegistry;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.HostInput;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The host inputs an export takes besides its windows ({@link ExportMetadata#hostInputs}), built again through the
 * embedder plugin that declared them, from the config recorded at export.
 */
public final class HostInputRebuilder {

  private final PluginRegistry plugins;

  @Inject
  public HostInputRebuilder(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  public List<HostInput> rebuild(Path model, ExportMetadata metadata) {
    ExportMetadata.ExportedHostInputs recorded = metadata.hostInputs();
    if (recorded == null) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    Embedder<PluginConfig> embedder = (Embedder<PluginConfig>) plugins.find(PluginKind.EMBEDDER, recorded.embedder())
        .orElseThrow(() -> new UserInputException(model + " needs the embedder plugin '" + recorded.embedder()
            + "' to compute its inputs " + recorded.names() + "; it is not installed (add its jar with --plugins)"))
        .plugin();
    PluginConfig config;
    try {
      config = ConfigMapper.create().treeToValue(recorded.config(), embedder.configType());
    } catch (IOException e) {
      throw new UserInputException(model + ": the embedder config recorded in " + SavedModelExport.METADATA
          + " does not bind to '" + recorded.embedder() + "' as installed: " + e.getMessage(), e);
    }
    WindowShape shape = new WindowShape(metadata.inputLength(), metadata.channelNames().size(),
        metadata.targetLength(), metadata.targetNames().size(), metadata.channelNames(), metadata.classes(),
        metadata.targetKind(), metadata.targetNames());
    Path base = Path.of(recorded.baseFolder());
    return embedder.hostInputs(config, shape, base::resolve);
  }
}
