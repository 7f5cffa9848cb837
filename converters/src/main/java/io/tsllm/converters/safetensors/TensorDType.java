package io.tsllm.converters.safetensors;

import java.nio.ByteBuffer;

/** The floating-point element types the framework reads, all widened to float32 or float64. */
public enum TensorDType {
  F64(8),
  F32(4),
  F16(2),
  BF16(2);

  private final int bytes;

  TensorDType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  /** Reads element {@code index} of a little-endian buffer as a double. */
  double read(ByteBuffer buffer, int index) {
    return switch (this) {
      case F64 -> buffer.getDouble(index * 8);
      case F32 -> buffer.getFloat(index * 4);
      case F16 -> halfToFloat(buffer.getShort(index * 2));
      case BF16 -> Float.intBitsToFloat((buffer.getShort(index * 2) & 0xffff) << 16);
    };
  }

  /** Little-endian bytes of {@code values} in this type; narrowing rounds to nearest, ties to even, as PyTorch. */
  public byte[] encode(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      switch (this) {
        case F64 -> buffer.putDouble(v);
        case F32 -> buffer.putFloat(v);
        case F16 -> buffer.putShort(HalfPrecision.fromFloat(v));
        case BF16 -> buffer.putShort(toBfloat16(v));
      }
    }
    return buffer.array();
  }

  /** Round to nearest even on the upper 16 bits; NaN stays NaN. */
  static short toBfloat16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int rounding = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  static float halfToFloat(short half) {
    return HalfPrecision.toFloat(half);
  }
}
