package io.tsllm.backbones.common;

import io.tsllm.spi.Initializer;
import io.tsllm.spi.Initializers;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/**
 * Weights already read from a checkpoint, by HuggingFace name. A missing tensor or one whose size contradicts the
 * shape the graph needs is refused with both names and shapes.
 */
public final class LoadedWeights implements BackboneWeights {

  private final Map<String, float[]> tensors;
  private final String source;

  /** @param source where the tensors came from, for error messages */
  public LoadedWeights(Map<String, float[]> tensors, String source) {
    this.tensors = Map.copyOf(tensors);
    this.source = source;
  }

  @Override
  public Initializer adapterInitializer(String name, Initializer peftDefault) {
    return tensors.containsKey(name) ? Initializers.values(tensors.get(name)) : peftDefault;
  }

  @Override
  public Initializer initializer(String name, Shape shape) {
    float[] values = tensors.get(name);
    if (values == null) {
      throw new IllegalArgumentException(source + " has no tensor '" + name + "' (shape " + shape + ")");
    }
    if (values.length != shape.size()) {
      throw new IllegalArgumentException(source + ": tensor '" + name + "' has " + values.length
          + " values, the model needs shape " + shape + " (" + shape.size() + " values)");
    }
    return Initializers.values(values);
  }
}
