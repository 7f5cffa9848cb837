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

  /** IEEE 754 binary16 to binary32, subnormals, infinities and NaN included. */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      float value = mantissa / 1024f / 16384f;  // 2^-14 * mantissa / 2^10
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
