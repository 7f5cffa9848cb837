package io.tsllm.graph;

import io.tsllm.spi.ParameterRole;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A parameter some plugin created.
 *
 * @param name the variable's full graph name, e.g. {@code backbone.h.0.ln_1.weight}
 */
public record Parameter(String name, ParameterRole role, Shape shape, Variable<TFloat32> variable) {

  public long size() {
    return shape.size();
  }
}
