package io.tsllm.core.inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tsllm.core.config.ConfigMapper;

/** JSON binding for experiment files and run outputs. */
public final class ConfigModule extends AbstractModule {

  @Provides
  @Singleton
  ObjectMapper mapper() {
    return ConfigMapper.create();
  }
}
