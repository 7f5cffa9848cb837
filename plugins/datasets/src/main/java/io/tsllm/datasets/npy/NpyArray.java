package io.tsllm.datasets.npy;

import io.tsllm.spi.DataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy array read from the {@code .npy} format (versions 1 to 3): little- or big-endian float32, float64, int32
 * or int64, C or Fortran order, widened or narrowed to float32 in C order.
 *
 * @param shape the array's shape
 * @param values the elements in C (row-major) order
 */
record NpyArray(long[] shape, float[] values) {

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** @param where the file (and array name in an .npz) for messages */
  static NpyArray parse(byte[] bytes, Path file, String where) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !"NUMPY".equals(new String(bytes, 1, 5,
        StandardCharsets.US_ASCII))) {
      throw new DataException(file, where, "is not a NumPy .npy array (no \\x93NUMPY magic)");
    }
    int major = bytes[6];
    int headerLength;
    int headerStart;
    if (major == 1) {
      headerLength = in.getShort(8) & 0xffff;
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      headerLength = in.getInt(8);
      headerStart = 12;
    } else {
      throw new DataException(file, where, "uses .npy format version " + major + "; versions 1 to 3 are read");
    }
    if (headerStart + headerLength > bytes.length) {
      throw new DataException(file, where, "is truncated inside its header");
    }
    String header = new String(bytes, headerStart, headerLength, StandardCharsets.UTF_8);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shapeText = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shapeText.find()) {
      throw new DataException(file, where, "has a header without a supported 'descr' (float32/float64/int32/int64),"
          + " 'fortran_order' or 'shape': " + header.trim());
    }
    char kind = descr.group(2).charAt(0);
    int size = Integer.parseInt(descr.group(3));
    if (!(size == 4 || size == 8)) {
      throw new DataException(file, where, "has dtype " + descr.group(2) + size + "; supported: f4, f8, i4, i8");
    }
    ByteOrder order = ">".equals(descr.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    long[] shape = Arrays.stream(shapeText.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .mapToLong(Long::parseLong).toArray();
    long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    int dataStart = headerStart + headerLength;
    if ((long) bytes.length - dataStart != count * size) {
      throw new DataException(file, where, "holds " + (bytes.length - dataStart) + " bytes of data, but shape "
          + Arrays.toString(shape) + " of " + descr.group(2) + size + " needs " + count * size);
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
    float[] stored = new float[Math.toIntExact(count)];
    for (int i = 0; i < stored.length; i++) {
      stored[i] = switch (kind + "" + size) {
        case "f4" -> data.getFloat(i * 4);
        case "f8" -> (float) data.getDouble(i * 8);
        case "i4" -> data.getInt(i * 4);
        default -> data.getLong(i * 8);
      };
    }
    boolean fortranOrder = "True".equals(fortran.group(1));
    return new NpyArray(shape, fortranOrder ? toRowMajor(stored, shape) : stored);
  }

  /** Column-major (Fortran) to row-major (C) order. */
  private static float[] toRowMajor(float[] stored, long[] shape) {
    if (shape.length < 2) {
      return stored;
    }
    float[] out = new float[stored.length];
    int[] index = new int[shape.length];
    for (int i = 0; i < out.length; i++) {
      long columnMajor = 0;
      long stride = 1;
      for (int d = 0; d < shape.length; d++) {
        columnMajor += index[d] * stride;
        stride *= shape[d];
      }
      out[i] = stored[(int) columnMajor];
      for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
        index[d] = 0;
      }
    }
    return out;
  }
}
