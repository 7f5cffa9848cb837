package io.tsllm.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Streams a record file's channels for {@code predict}'s streaming inference: a continuous record of any length (a
 * seismic station's day of MiniSEED, a long sensor log) read a block at a time, never whole. The reader's config is
 * its options: {@code predict --reader-option key=value} binds them, and {@code plugins} lists them.
 *
 * @param <C> the reader's options
 */
public interface RecordReader<C extends PluginConfig> extends Plugin<C> {

  /** Whether this reader reads {@code file} (usually by its extension); the first reader that accepts it is used. */
  boolean accepts(Path file);

  /**
   * The channels {@code file} holds, in the order they appear; read from headers where the format has them.
   *
   * @throws DataException when the file is not of this format or is damaged; the message names the file and record
   */
  List<RecordChannel> channels(Path file, C options);

  /** Opens one of the channels {@link #channels} listed, positioned at its first sample. */
  SampleStream open(RecordChannel channel, C options);

  /**
   * Whether {@code channel} is the input a model calls {@code modelChannel}, when the user names no channels. By
   * default the channel's id or its last dot-separated part equals the name, ignoring case; a format with its own
   * naming rules (SEED channel codes, whose last letter is the component) says so here.
   */
  default boolean matches(RecordChannel channel, String modelChannel) {
    String id = channel.id();
    String last = id.substring(id.lastIndexOf('.') + 1);
    return id.equalsIgnoreCase(modelChannel) || last.toLowerCase(Locale.ROOT).equals(
        modelChannel.toLowerCase(Locale.ROOT));
  }
}
