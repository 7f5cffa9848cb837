package io.tsllm.datasets.hdf5;

import java.lang.reflect.Array;

/** Flattens the nested primitive arrays jhdf returns (any numeric type) into row-major float32. */
final class NumericArrays {

  private NumericArrays() {}

  /** @return null when {@code data} holds something other than numbers */
  static float[] flatten(Object data, int size) {
    float[] out = new float[size];
    int written = fill(data, out, 0);
    return written < 0 ? null : out;
  }

  /** Whether jhdf returns this element type for numbers. */
  static boolean isNumeric(Class<?> type) {
    return type == float.class || type == double.class || type == int.class || type == long.class
        || type == short.class || type == byte.class || (type != null && Number.class.isAssignableFrom(type));
  }

  /** One number: a numeric scalar or one-element array, or text holding a number; NaN otherwise (STEAD's blanks). */
  static float scalar(Object data) {
    if (data instanceof String text) {
      try {
        return Float.parseFloat(text.trim());
      } catch (NumberFormatException e) {
        return Float.NaN;
      }
    }
    if (data != null && data.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(data) == 1 ? scalar(java.lang.reflect.Array.get(data, 0)) : Float.NaN;
    }
    float[] values = flatten(data, 1);
    return values == null ? Float.NaN : values[0];
  }

  private static int fill(Object data, float[] out, int at) {
    if (data instanceof float[] a) {
      System.arraycopy(a, 0, out, at, a.length);
      return at + a.length;
    }
    if (data instanceof double[] a) {
      for (double v : a) {
        out[at++] = (float) v;
      }
      return at;
    }
    if (data instanceof int[] a) {
      for (int v : a) {
        out[at++] = v;
      }
      return at;
    }
    if (data instanceof long[] a) {
      for (long v : a) {
        out[at++] = v;
      }
      return at;
    }
    if (data instanceof short[] a) {
      for (short v : a) {
        out[at++] = v;
      }
      return at;
    }
    if (data instanceof byte[] a) {
      for (byte v : a) {
        out[at++] = v;
      }
      return at;
    }
    if (data instanceof Number n) {
      out[at] = n.floatValue();
      return at + 1;
    }
    if (data != null && data.getClass().isArray() && !data.getClass().getComponentType().isPrimitive()) {
      for (int i = 0; i < Array.getLength(data); i++) {
        at = fill(Array.get(data, i), out, at);
        if (at < 0) {
          return -1;
        }
      }
      return at;
    }
    return -1;
  }
}
