package io.tsllm.spi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the traces streaming inference produces (stitched probabilities, scores) in a file format, sample by sample
 * as they are stitched. Its config is its options: {@code predict --writer-option key=value}.
 *
 * @param <C> the writer's options
 */
public interface TraceWriter<C extends PluginConfig> extends Plugin<C> {

  /** Whether this writer writes {@code file} (usually by its extension); the first writer that accepts it is used. */
  boolean accepts(Path file);

  /**
   * Starts writing {@code file}, which the caller renames into place when complete.
   *
   * @param source what the traces belong to ({@link RecordChannel#source()})
   * @param names each trace's name, in the order {@link TraceSink#accept} gives their values
   * @param start the time of sample 0
   * @param rate samples per second
   */
  TraceSink open(Path file, String source, List<String> names, Instant start, double rate, C options);

  /** An open trace file. */
  interface TraceSink extends AutoCloseable {

    /** Sample {@code index} of every trace, indices in order from 0. */
    void accept(long index, float[] values);

    /** Writes what is buffered and closes the file. */
    @Override
    void close();
  }
}
