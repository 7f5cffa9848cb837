package io.tsllm.core.model;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.PluginSection;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.HeadOutput;
import io.tsllm.spi.OutputSpec;
import io.tsllm.spi.WindowShape;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Holds a head's built outputs to its {@link HeadContract}: the same names, static shapes after the batch axis,
 * and as many values per sample as each output's role fixes. A head that breaks it is a plugin to fix, reported
 * when the graph is built (so {@code validate} finds it), never halfway through a run.
 */
final class HeadOutputCheck {

  private final PluginSection head;
  private final HeadContract contract;
  private final WindowShape shape;

  HeadOutputCheck(PluginSection head, HeadContract contract, WindowShape shape) {
    this.head = head;
    this.contract = contract;
    this.shape = shape;
  }

  void check(HeadOutput output) {
    Set<String> declared = new TreeSet<>();
    contract.outputs().forEach(o -> declared.add(o.name()));
    if (!declared.equals(new TreeSet<>(output.outputs().keySet()))) {
      throw broken("it declares the further outputs " + declared + " but built " + new TreeSet<>(
          output.outputs().keySet()));
    }
    check(contract.prediction(), output.prediction());
    for (Map.Entry<String, Operand<TFloat32>> built : output.outputs().entrySet()) {
      check(contract.output(built.getKey()).orElseThrow(), built.getValue());
    }
    if (output.loss().shape().numDimensions() != 0) {
      throw broken("its loss must be a scalar, got shape " + output.loss().shape());
    }
  }

  private void check(OutputSpec spec, Operand<TFloat32> built) {
    Shape dims = built.shape();
    long size = 1;
    for (int i = 1; i < dims.numDimensions(); i++) {
      if (dims.get(i) < 0) {
        throw broken("output '" + spec.name() + "' needs a static shape after the batch axis, got " + dims);
      }
      size *= dims.get(i);
    }
    int channels = spec.channels().map(c -> c.count()).orElse(0);
    spec.channels().ifPresent(span -> {
      if (span.first() + span.count() > shape.channels()) {
        throw broken("output '" + spec.name() + "' names input channels [" + span.first() + ", "
            + (span.first() + span.count()) + ") of " + shape.channels());
      }
    });
    int expected = spec.role().sampleSize(shape, channels);
    if (dims.numDimensions() < 1 || size != expected) {
      throw broken("output '" + spec.name() + "' (" + spec.role() + ") must hold " + expected
          + " values per sample, got shape " + dims);
    }
  }

  private UserInputException broken(String problem) {
    return PluginFaults.fault(head, "its outputs break its declared contract: " + problem);
  }
}
