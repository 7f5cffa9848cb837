package io.tsllm.core.plugin;

import io.tsllm.spi.Backbone;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.Head;
import io.tsllm.spi.Plugin;
import io.tsllm.spi.RecordReader;
import io.tsllm.spi.TraceWriter;

/**
 * The kinds of plugin, each with the section that selects one (of an experiment file; for readers and writers, of
 * {@code predict}'s options) and the SPI type it implements.
 */
public enum PluginKind {
  DATASET("data", DatasetLoader.class),
  EMBEDDER("embedder", Embedder.class),
  BACKBONE("backbone", Backbone.class),
  HEAD("head", Head.class),
  /** Record readers for {@code predict}'s streaming inference, chosen by the input files or {@code --reader}. */
  READER("reader", RecordReader.class),
  /** Trace writers for {@code predict}'s streaming inference, chosen by the output file's name. */
  WRITER("writer", TraceWriter.class);

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
