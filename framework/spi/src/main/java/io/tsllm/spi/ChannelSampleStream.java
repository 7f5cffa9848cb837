package io.tsllm.spi;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A {@link SampleStream} whose id, start, rate and file are those its reader listed in a {@link RecordChannel}: a
 * reader's stream extends it and implements only {@link #read}, {@link #gapSamples} and {@link #close}.
 */
public abstract class ChannelSampleStream implements SampleStream {

  private final RecordChannel channel;

  protected ChannelSampleStream(RecordChannel channel) {
    this.channel = channel;
  }

  /** The channel as the reader listed it. */
  protected final RecordChannel channel() {
    return channel;
  }

  @Override
  public final String id() {
    return channel.id();
  }

  @Override
  public final Instant start() {
    return channel.start();
  }

  @Override
  public final double rate() {
    return channel.rate();
  }

  @Override
  public final Path file() {
    return channel.file();
  }
}
