package io.tsllm.converters.hf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Unpickler;

/**
 * A second opinion on {@code torch.save} files: the state dict unpickled by Razorvine's pickle library (an
 * independent implementation of the pickle machine), its tensors gathered from the raw storages by their own
 * offset and strides. It shares no code with {@link PytorchCheckpoint}.
 */
final class RazorvinePickles {

  /** A tensor as this reader sees it; {@code values} only for floating-point storages. */
  record Tensor(String dtype, long[] shape, float[] values) {
    boolean isFloat() {
      return values != null;
    }
  }

  private record StorageClass(String dtype, int bytes) implements IObjectConstructor {
    public Object construct(Object[] args) {
      throw new UnsupportedOperationException("storages are loaded through persistent ids");
    }
  }

  private record Storage(StorageClass type, String key) {}

  private record View(Storage storage, long offset, long[] shape, long[] stride) {}

  /** An OrderedDict that accepts the attributes a state dict pickles with it (its {@code _metadata}). */
  public static final class StateDict extends LinkedHashMap<Object, Object> {
    public void __setstate__(HashMap<?, ?> state) {
      // _metadata: module versions, not tensors
    }
  }

  static {
    Unpickler.registerConstructor("collections", "OrderedDict", args -> new StateDict());
    Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", args -> new View((Storage) args[0],
        ((Number) args[1]).longValue(), longs((Object[]) args[2]), longs((Object[]) args[3])));
    Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
    Map.of("FloatStorage", new StorageClass("F32", 4), "DoubleStorage", new StorageClass("F64", 8),
        "HalfStorage", new StorageClass("F16", 2), "BFloat16Storage", new StorageClass("BF16", 2),
        "LongStorage", new StorageClass("I64", 8), "IntStorage", new StorageClass("I32", 4),
        "ShortStorage", new StorageClass("I16", 2), "CharStorage", new StorageClass("I8", 1),
        "ByteStorage", new StorageClass("U8", 1), "BoolStorage", new StorageClass("BOOL", 1))
        .forEach((name, type) -> Unpickler.registerConstructor("torch", name, type));
  }

  private RazorvinePickles() {}

  static Map<String, Tensor> stateDict(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String pickle = zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith("/data.pkl")).findFirst()
          .orElseThrow();
      String archive = pickle.substring(0, pickle.length() - "data.pkl".length());
      Unpickler unpickler = new Unpickler() {
        @Override
        protected Object persistentLoad(Object pid) {
          Object[] id = (Object[]) pid;
          return new Storage((StorageClass) id[1], (String) id[2]);
        }
      };
      Map<?, ?> root;
      try (InputStream in = zip.getInputStream(zip.getEntry(pickle))) {
        root = (Map<?, ?>) unpickler.load(in);
      }
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : root.entrySet()) {
        View view = (View) entry.getValue();
        StorageClass type = view.storage().type();
        boolean isFloat = type.dtype().startsWith("F") || type.dtype().equals("BF16");
        byte[] raw = zip.getInputStream(zip.getEntry(archive + "data/" + view.storage().key())).readAllBytes();
        tensors.put((String) entry.getKey(),
            new Tensor(type.dtype(), view.shape(), isFloat ? gather(view, ByteBuffer.wrap(raw)) : null));
      }
      return tensors;
    }
  }

  private static float[] gather(View view, ByteBuffer raw) {
    raw.order(ByteOrder.LITTLE_ENDIAN);
    int count = 1;
    for (long d : view.shape()) {
      count *= (int) d;
    }
    float[] out = new float[count];
    for (int flat = 0; flat < count; flat++) {
      long position = view.offset();
      int rest = flat;
      for (int d = view.shape().length - 1; d >= 0; d--) {
        position += (rest % view.shape()[d]) * view.stride()[d];
        rest /= (int) view.shape()[d];
      }
      int at = (int) position * view.storage().type().bytes();
      out[flat] = switch (view.storage().type().dtype()) {
        case "F32" -> raw.getFloat(at);
        case "F64" -> (float) raw.getDouble(at);
        case "BF16" -> Float.intBitsToFloat((raw.getShort(at) & 0xffff) << 16);
        default -> halfToFloat(raw.getShort(at));
      };
    }
    return out;
  }

  /** IEEE 754 binary16 to float, by its definition: sign, 5-bit exponent (bias 15), 10-bit fraction. */
  private static float halfToFloat(short half) {
    int sign = (half >> 15) & 1;
    int exponent = (half >> 10) & 0x1f;
    int fraction = half & 0x3ff;
    double magnitude = exponent == 0 ? fraction * Math.pow(2, -24)
        : exponent == 31 ? (fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
        : (1 + fraction / 1024.0) * Math.pow(2, exponent - 15);
    return (float) (sign == 1 ? -magnitude : magnitude);
  }

  private static long[] longs(Object[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = ((Number) values[i]).longValue();
    }
    return out;
  }
}
