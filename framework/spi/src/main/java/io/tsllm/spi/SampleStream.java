package io.tsllm.spi;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One channel of a continuous record read in order, a block at a time. Gaps in the record are filled (with zeros,
 * or as the reader's options say) and counted, so that sample {@code n} always lies at {@code start + n / rate}.
 */
public interface SampleStream extends Closeable {

  /** The channel's {@link RecordChannel#id() id}. */
  String id();

  Instant start();

  double rate();

  /** The file it is read from, for messages. */
  Path file();

  /**
   * Reads up to {@code count} samples into {@code dest} from {@code offset}; fewer only at the end, -1 after it.
   *
   * @throws DataException when the record is damaged; the message names the file and record
   */
  int read(float[] dest, int offset, int count);

  /** Samples filled or dropped so far: gaps filled, overlapping samples dropped. */
  long gapSamples();

  /** Skips {@code samples} samples; false when the record ends first. */
  default boolean skip(long samples) {
    float[] scratch = new float[4096];
    long left = samples;
    while (left > 0) {
      int read = read(scratch, 0, (int) Math.min(scratch.length, left));
      if (read <= 0) {
        return false;
      }
      left -= read;
    }
    return true;
  }

  @Override
  void close();
}
