package io.tsllm.core.inject;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.tsllm.core.plugin.PluginLocations;

/** The composition root: one injector per command invocation. */
public final class Injectors {

  private Injectors() {}

  public static Injector create(PluginLocations locations) {
    return Guice.createInjector(new PluginModule(locations), new ConfigModule(), new RunModule());
  }
}
