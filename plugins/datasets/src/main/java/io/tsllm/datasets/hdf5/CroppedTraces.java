package io.tsllm.datasets.hdf5;

import java.nio.file.Path;

/**
 * Traces cut to {@code length} samples from a per-trace start (which may lie before the trace or run past its
 * end: those samples are zeros). A trace without a start (NaN) is never read: the loader leaves it out.
 */
record CroppedTraces(TraceSource source, float[] starts, int length) implements TraceSource {

  @Override
  public int traces() {
    return source.traces();
  }

  @Override
  public int samples() {
    return length;
  }

  @Override
  public int channels() {
    return source.channels();
  }

  @Override
  public String path() {
    return source.path();
  }

  @Override
  public float[] read(int index) {
    float[] trace = source.read(index);
    int channels = source.channels();
    int start = (int) starts[index];
    float[] cut = new float[length * channels];
    for (int t = 0; t < length; t++) {
      int from = start + t;
      if (from >= 0 && from < source.samples()) {
        System.arraycopy(trace, from * channels, cut, t * channels, channels);
      }
    }
    return cut;
  }

  @Override
  public float[] attribute(String name, Path file) {
    return source.attribute(name, file);
  }
}
