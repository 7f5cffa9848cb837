package io.tsllm.core.serve.streaming;

import java.util.Arrays;

/**
 * Joins the probabilities of overlapping windows into one trace per output, as SeisBench's {@code annotate} does:
 * where windows overlap, their mean ({@code avg}) or maximum ({@code max}). Windows arrive in order of their starts,
 * at most one window length apart; a sample is final, and handed to the sink, once no later window can cover it.
 * Holds one window's worth of samples.
 */
final class ProbabilityStitcher {

  /** Receives final samples in order: the sample's index from the record's start and one value per output. */
  interface Sink {
    void accept(long index, float[] values);
  }

  private final int length;
  private final int outputs;
  private final boolean max;
  private final float[] values;
  private final int[] counts;
  private final Sink sink;
  private long openStart;

  /** @param stacking {@code avg} or {@code max} */
  ProbabilityStitcher(int length, int outputs, String stacking, Sink sink) {
    this.length = length;
    this.outputs = outputs;
    this.max = "max".equals(stacking);
    this.values = new float[length * outputs];
    this.counts = new int[length];
    this.sink = sink;
  }

  /** A window's probabilities {@code [length, outputs]} starting at sample {@code start}. */
  void add(long start, float[] window) {
    if (start > openStart) {
      emit(start);
    }
    for (int t = 0; t < length; t++) {
      long index = start + t;
      if (index < openStart) {
        continue;   // final already (a last window aligned to the record's end)
      }
      int at = (int) (index - openStart);
      for (int k = 0; k < outputs; k++) {
        float value = window[t * outputs + k];
        int slot = at * outputs + k;
        values[slot] = counts[at] == 0 ? value : max ? Math.max(values[slot], value) : values[slot] + value;
      }
      counts[at]++;
    }
  }

  /** Hands over every sample before {@code end}: the record's end. */
  void finish(long end) {
    emit(end);
  }

  private void emit(long end) {
    int n = (int) Math.min(length, end - openStart);
    float[] sample = new float[outputs];
    for (int at = 0; at < n; at++) {
      for (int k = 0; k < outputs; k++) {
        float value = values[at * outputs + k];
        sample[k] = max || counts[at] == 0 ? value : value / counts[at];
      }
      sink.accept(openStart + at, sample);
    }
    System.arraycopy(values, n * outputs, values, 0, (length - n) * outputs);
    Arrays.fill(values, (length - n) * outputs, length * outputs, 0f);
    System.arraycopy(counts, n, counts, 0, length - n);
    Arrays.fill(counts, length - n, length, 0);
    openStart += n;
  }
}
