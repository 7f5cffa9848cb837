package io.tsllm.converters.safetensors;

/**
 * One tensor's entry in a safetensors header.
 *
 * @param begin offset of its first byte, from the start of the data section
 * @param end offset past its last byte
 */
public record TensorInfo(String name, TensorDType dtype, long[] shape, long begin, long end) {

  public TensorInfo {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public long elements() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }
}
