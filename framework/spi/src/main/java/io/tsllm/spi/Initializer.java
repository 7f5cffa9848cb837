package io.tsllm.spi;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Builds the initial value of a parameter. See {@link Initializers} for the usual ones. */
@FunctionalInterface
public interface Initializer {

  /**
   * @param tf ops to build with
   * @param shape the parameter's shape
   * @param seed a {@code [2]} int64 seed for stateless random ops, derived from the run's seed and the parameter's
   *     name, so initial values do not depend on the order in which parameters are created
   */
  Operand<TFloat32> create(Ops tf, Shape shape, Operand<TInt64> seed);
}
