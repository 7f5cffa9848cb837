package io.tsllm.datasets.hdf5;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataException;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Path;

/**
 * Traces read from the HDF5 file on demand (one trace per window, so memory does not grow with the file), scaled,
 * with per-trace targets held in memory.
 */
final class TraceWindows implements WindowSplit {

  private final TraceSource waveforms;
  private final int[] traces;
  private final ChannelScaler scaler;
  private final TraceTargets targets;
  private final Path file;

  TraceWindows(TraceSource waveforms, int[] traces, ChannelScaler scaler, TraceTargets targets, Path file) {
    this.file = file;
    this.waveforms = waveforms;
    this.traces = traces;
    this.scaler = scaler;
    this.targets = targets;
  }

  @Override
  public int size() {
    return traces.length;
  }

  @Override
  public void copyInput(int index, float[] dest, int offset) {
    float[] trace = waveforms.read(traces[index]);
    int channels = waveforms.channels();
    for (int i = 0; i < trace.length; i++) {
      if (!Float.isFinite(trace[i])) {
        // Training traces were checked when the scaler was fitted; unscaled ones and other splits are read here.
        throw new DataException(file, "trace " + traces[index] + ", sample " + i / channels + ", channel "
            + i % channels, "holds " + trace[i] + "; waveforms must be finite numbers");
      }
      dest[offset + i] = scaler == null ? trace[i] : (float) scaler.scale(trace[i], i % channels);
    }
  }

  @Override
  public void copyTarget(int index, float[] dest, int offset) {
    targets.copy(traces[index], dest, offset);
  }
}
