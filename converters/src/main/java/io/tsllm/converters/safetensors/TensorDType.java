package io.tsllm.converters.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Every element type of the safetensors specification, with its width in bits, so that any real file's header can
 * be checked and opened. Only F64, F32, F16 and BF16 can be read as weights (widened to float32 or float64); the
 * others (integer buffers such as position ids, boolean masks, the 8-, 6- and 4-bit floats of quantized models)
 * are refused when, and only when, a tensor of theirs is read.
 */
public enum TensorDType {
  BOOL(8, false),
  F4(4, false),
  F6_E2M3(6, false),
  F6_E3M2(6, false),
  U8(8, false),
  I8(8, false),
  F8_E5M2(8, false),
  F8_E4M3(8, false),
  F8_E8M0(8, false),
  I16(16, false),
  U16(16, false),
  F16(16, true),
  BF16(16, true),
  I32(32, false),
  U32(32, false),
  F32(32, true),
  C64(64, false),
  F64(64, true),
  I64(64, false),
  U64(64, false);

  private final int bits;
  private final boolean readable;

  TensorDType(int bits, boolean readable) {
    this.bits = bits;
    this.readable = readable;
  }

  /** The element types that read as weights. */
  public static List<TensorDType> readable() {
    return Arrays.stream(values()).filter(TensorDType::isReadable).toList();
  }

  public int bits() {
    return bits;
  }

  /** Bytes per element; only for the whole-byte types. */
  public int bytes() {
    if (bits % 8 != 0) {
      throw new IllegalStateException(this + " packs " + bits + "-bit elements; it has no whole byte width");
    }
    return bits / 8;
  }

  /** Whether tensors of this type can be read as float weights. */
  public boolean isReadable() {
    return readable;
  }

  /**
   * The bytes {@code elements} elements take, as the specification counts them: a bit count that is not a whole
   * number of bytes is an invalid tensor.
   *
   * @throws ArithmeticException on overflow, or when the bits do not fill whole bytes
   */
  public long byteLength(long elements) {
    long totalBits = Math.multiplyExact(elements, (long) bits);
    if (totalBits % 8 != 0) {
      throw new ArithmeticException(elements + " elements of " + bits + " bits do not fill whole bytes");
    }
    return totalBits / 8;
  }

  /**
   * Reads element {@code index} of a buffer, in the buffer's byte order, as a double; only for {@link #isReadable}
   * types.
   */
  public double read(ByteBuffer buffer, int index) {
    return switch (this) {
      case F64 -> buffer.getDouble(index * 8);
      case F32 -> buffer.getFloat(index * 4);
      case F16 -> halfToFloat(buffer.getShort(index * 2));
      case BF16 -> Float.intBitsToFloat((buffer.getShort(index * 2) & 0xffff) << 16);
      default -> throw new IllegalStateException(this + " is not a readable float type");
    };
  }

  /**
   * Little-endian bytes of {@code values} in this type; narrowing rounds to nearest, ties to even, as PyTorch.
   * Only for {@link #isReadable} types.
   */
  public byte[] encode(float[] values) {
    if (!readable) {
      throw new IllegalStateException(this + " is not a float type the framework writes");
    }
    ByteBuffer buffer = ByteBuffer.allocate(values.length * bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      switch (this) {
        case F64 -> buffer.putDouble(v);
        case F32 -> buffer.putFloat(v);
        case F16 -> buffer.putShort(HalfPrecision.fromFloat(v));
        default -> buffer.putShort(toBfloat16(v));
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
