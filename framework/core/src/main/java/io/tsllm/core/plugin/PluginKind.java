package io.tsllm.core.plugin;

import io.tsllm.spi.Backbone;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.Head;
import io.tsllm.spi.Plugin;

/** The kinds of plugin, each with the experiment-file section that selects one and the SPI type it implements. */
public enum PluginKind {
  DATASET("data", DatasetLoader.class),
  EMBEDDER("embedder", Embedder.class),
  BACKBONE("backbone", Backbone.class),
  HEAD("head", Head.class);

  private final String section;
  private final Class<? extends Plugin> spiType;

  PluginKind(String section, Class<? extends Plugin> spiType) {
    this.section = section;
    this.spiType = spiType;
  }

  /** The experiment file's section for this kind, e.g. {@code backbone}. */
  public String section() {
    return section;
  }

  public Class<? extends Plugin> spiType() {
    return spiType;
  }
}
