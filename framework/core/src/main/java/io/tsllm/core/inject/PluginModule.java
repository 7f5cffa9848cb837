package io.tsllm.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tsllm.core.plugin.PluginDiscovery;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.plugin.PluginRegistry;

/** Plugin discovery: the registry of built-in plugins and those in the given jar locations. */
public final class PluginModule extends AbstractModule {

  private final PluginLocations locations;

  public PluginModule(PluginLocations locations) {
    this.locations = locations;
  }

  @Provides
  @Singleton
  PluginRegistry registry(PluginDiscovery discovery) {
    return discovery.discover(locations);
  }
}
