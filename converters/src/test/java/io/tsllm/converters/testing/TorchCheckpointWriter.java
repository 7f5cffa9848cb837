package io.tsllm.converters.testing;

import io.tsllm.converters.safetensors.TensorDType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state dict the way {@code torch.save} (PyTorch 1.6 and later) does: a zip archive with a protocol-2
 * pickle in {@code archive/data.pkl} that rebuilds each tensor from a storage in {@code archive/data/<key>}.
 */
public final class TorchCheckpointWriter {

  private TorchCheckpointWriter() {}

  public static void write(Path file, Map<String, Gpt2Fixtures.Tensor> tensors, TensorDType dtype)
      throws IOException {
    write(file, pickle(tensors, dtype), tensors, dtype);
  }

  /** Writes an archive with a given pickle, e.g. a hostile one. */
  public static void write(Path file, byte[] pickle, Map<String, Gpt2Fixtures.Tensor> tensors, TensorDType dtype)
      throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      entry(zip, "archive/data.pkl", pickle);
      entry(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
      int key = 0;
      for (Gpt2Fixtures.Tensor tensor : tensors.values()) {
        entry(zip, "archive/data/" + key++, dtype.encode(tensor.values()));
      }
      entry(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  static byte[] pickle(Map<String, Gpt2Fixtures.Tensor> tensors, TensorDType dtype) {
    Pickle p = new Pickle();
    p.op(0x80).op(2);
    p.global("collections", "OrderedDict").op(')').op('R');
    p.op('(');
    int key = 0;
    String storage = switch (dtype) {
      case F32 -> "FloatStorage";
      case F16 -> "HalfStorage";
      case BF16 -> "BFloat16Storage";
      case F64 -> "DoubleStorage";
      default -> throw new IllegalArgumentException(dtype + " is not a weight type");
    };
    for (Map.Entry<String, Gpt2Fixtures.Tensor> e : tensors.entrySet()) {
      long[] shape = e.getValue().shape();
      p.unicode(e.getKey());
      p.global("torch._utils", "_rebuild_tensor_v2");
      p.op('(');
      p.op('(').unicode("storage").global("torch", storage).unicode(String.valueOf(key++)).unicode("cpu")
          .integer(e.getValue().values().length).op('t');
      p.op('Q');
      p.integer(0);
      p.op('(');
      for (long d : shape) {
        p.integer(d);
      }
      p.op('t');
      p.op('(');
      long stride = 1;
      long[] strides = new long[shape.length];
      for (int i = shape.length - 1; i >= 0; i--) {
        strides[i] = stride;
        stride *= shape[i];
      }
      for (long s : strides) {
        p.integer(s);
      }
      p.op('t');
      p.op(0x89);
      p.global("collections", "OrderedDict").op(')').op('R');
      p.op('t');
      p.op('R');
    }
    p.op('u');
    p.op('.');
    return p.bytes();
  }

  /** Emits pickle opcodes. */
  public static final class Pickle {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Pickle op(int code) {
      out.write(code);
      return this;
    }

    public Pickle global(String module, String name) {
      op('c');
      write((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
      return this;
    }

    public Pickle unicode(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      op('X');
      write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
      write(bytes);
      return this;
    }

    public Pickle integer(long value) {
      op('J');
      write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Math.toIntExact(value)).array());
      return this;
    }

    public byte[] bytes() {
      return out.toByteArray();
    }

    private void write(byte[] bytes) {
      out.write(bytes, 0, bytes.length);
    }
  }
}
