package io.tsllm.datasets.hdf5;

import io.jhdf.api.Dataset;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.WindowSplit;

/**
 * Traces read from the HDF5 file on demand (one hyperslab per window, so memory does not grow with the file),
 * scaled, with per-trace targets held in memory.
 */
final class TraceWindows implements WindowSplit {

  private final Dataset waveforms;
  private final int[] traces;
  private final int samples;
  private final int channels;
  private final ChannelScaler scaler;
  private final TraceTargets targets;

  TraceWindows(Dataset waveforms, int[] traces, int samples, int channels, ChannelScaler scaler,
      TraceTargets targets) {
    this.waveforms = waveforms;
    this.traces = traces;
    this.samples = samples;
    this.channels = channels;
    this.scaler = scaler;
    this.targets = targets;
  }

  @Override
  public int size() {
    return traces.length;
  }

  @Override
  public void copyInput(int index, float[] dest, int offset) {
    float[] trace = read(waveforms, traces[index], samples, channels);
    for (int i = 0; i < trace.length; i++) {
      dest[offset + i] = scaler == null ? trace[i] : (float) scaler.scale(trace[i], i % channels);
    }
  }

  @Override
  public void copyTarget(int index, float[] dest, int offset) {
    targets.copy(traces[index], dest, offset);
  }

  static float[] read(Dataset waveforms, int trace, int samples, int channels) {
    Object data = waveforms.getData(new long[] {trace, 0, 0}, new int[] {1, samples, channels});
    return NumericArrays.flatten(data, samples * channels);
  }
}
