package io.tsllm.spi;

/**
 * Reads a data source and cuts it into windows.
 *
 * @param <C> the loader's config type
 */
public interface DatasetLoader<C extends PluginConfig> extends Plugin<C> {

  /**
   * Loads the dataset the config describes.
   *
   * @throws DataException when a file is missing, unreadable or malformed; the message names the file and record
   */
  Dataset load(C config, DataContext context);
}
