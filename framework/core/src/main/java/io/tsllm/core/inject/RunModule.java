package io.tsllm.core.inject;

import com.google.inject.AbstractModule;
import java.time.Clock;

/** Running experiments: the clock that stamps run folders and status files. */
public final class RunModule extends AbstractModule {

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(Clock.systemDefaultZone());
  }
}
