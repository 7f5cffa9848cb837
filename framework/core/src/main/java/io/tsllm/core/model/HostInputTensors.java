package io.tsllm.core.model;

import io.tsllm.graph.CrossPluginInputs.HostFeed;
import io.tsllm.spi.HostInput;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt32;

/** The host inputs of one run of the model, computed from its windows and fed; closed after the run. */
public final class HostInputTensors implements AutoCloseable {

  private final List<TInt32> tensors;

  private HostInputTensors(List<TInt32> tensors) {
    this.tensors = tensors;
  }

  /**
   * Computes every host input for {@code count} windows and feeds it to {@code runner}.
   *
   * @param windows {@code [count, input_length, channels]} row-major (a longer array's tail is ignored)
   */
  public static HostInputTensors feed(List<HostFeed> feeds, Session.Runner runner, float[] windows, int count) {
    List<TInt32> tensors = new ArrayList<>();
    try {
      for (HostFeed feed : feeds) {
        TInt32 tensor = compute(feed, windows, count);
        tensors.add(tensor);
        runner.feed(feed.placeholder(), tensor);
      }
    } catch (RuntimeException e) {
      tensors.forEach(TInt32::close);
      throw e;
    }
    return new HostInputTensors(tensors);
  }

  /** One host input's values for {@code count} windows, checked against what it declared. */
  public static TInt32 compute(HostFeed feed, float[] windows, int count) {
    return compute(feed.input(), windows, count);
  }

  /** One host input's values for {@code count} windows, checked against what it declared. */
  public static TInt32 compute(HostInput input, float[] windows, int count) {
    int rows = count * input.rowsPerWindow();
    int[] values = input.compute(windows, count);
    if (values.length != rows * input.width()) {
      throw new IllegalStateException("host input '" + input.name() + "' computed " + values.length
          + " values for " + count + " windows; it declared " + rows + " rows of " + input.width());
    }
    return TInt32.tensorOf(Shape.of(rows, input.width()), DataBuffers.of(values, true, false));
  }

  @Override
  public void close() {
    tensors.forEach(TInt32::close);
  }
}
