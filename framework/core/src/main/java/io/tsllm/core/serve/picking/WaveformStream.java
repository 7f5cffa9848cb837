package io.tsllm.core.serve.picking;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One channel of a continuous record read in order, a block at a time, never whole: MiniSEED records are decoded
 * one by one, SAC samples read as they are needed. Gaps between records are filled with zeros and counted.
 */
interface WaveformStream extends Closeable {

  /** {@code NET.STA.LOC.CHA}. */
  String id();

  Instant start();

  double rate();

  Path file();

  /** Reads up to {@code count} samples into {@code dest} from {@code offset}; fewer only at the end, -1 after it. */
  int read(float[] dest, int offset, int count);

  /** Samples skipped or filled so far: filled gaps and dropped overlaps. */
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
