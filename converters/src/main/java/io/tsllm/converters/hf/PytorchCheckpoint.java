package io.tsllm.converters.hf;

import io.tsllm.converters.safetensors.CheckpointException;
import io.tsllm.converters.safetensors.TensorDType;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A {@code pytorch_model.bin} written by {@code torch.save} (the zip format of PyTorch 1.6 and later): a pickled
 * state dict in {@code <archive>/data.pkl} whose tensors point at raw storages in {@code <archive>/data/<key>}.
 *
 * <p>The pickle is interpreted, never executed: only the globals a state dict of tensors needs are accepted
 * ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2}, {@code torch._utils._rebuild_parameter}
 * and the storage types); a pickle that names anything else is refused with the name it asked for.
 *
 * <p>Storages of every dtype are indexed, so that an integer or boolean buffer (position ids, a causal mask) does
 * not stop the file from opening; reading such a tensor is refused, naming it.
 */
final class PytorchCheckpoint implements AutoCloseable {

  /** The storage classes {@code torch.save} names, by their element type. */
  private static final Map<String, TensorDType> STORAGES = Map.ofEntries(
      Map.entry("torch.FloatStorage", TensorDType.F32),
      Map.entry("torch.HalfStorage", TensorDType.F16),
      Map.entry("torch.BFloat16Storage", TensorDType.BF16),
      Map.entry("torch.DoubleStorage", TensorDType.F64),
      Map.entry("torch.LongStorage", TensorDType.I64),
      Map.entry("torch.IntStorage", TensorDType.I32),
      Map.entry("torch.ShortStorage", TensorDType.I16),
      Map.entry("torch.CharStorage", TensorDType.I8),
      Map.entry("torch.ByteStorage", TensorDType.U8),
      Map.entry("torch.BoolStorage", TensorDType.BOOL));

  private static final Set<String> CALLABLES = Set.of(
      "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter");

  private final Path file;
  private final ZipFile zip;
  private final String archive;
  private final ByteOrder order;
  private final List<SourceTensor> tensors;

  private PytorchCheckpoint(Path file, ZipFile zip, String archive, ByteOrder order, List<SourceTensor> tensors) {
    this.file = file;
    this.zip = zip;
    this.archive = archive;
    this.order = order;
    this.tensors = tensors;
  }

  static PytorchCheckpoint open(Path file) {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new CheckpointException(file, null, "is not a zip archive: only the format of torch.save in PyTorch 1.6"
          + " and later is read (re-save it with a current PyTorch, or use safetensors)");
    } catch (IOException e) {
      throw new CheckpointException(file, null, "cannot be opened: " + e.getMessage(), e);
    }
    try {
      String archive = archiveName(file, zip);
      ByteOrder order = byteOrder(zip, archive);
      byte[] pickle = readEntry(file, zip, archive + "data.pkl");
      PytorchCheckpoint checkpoint = new PytorchCheckpoint(file, zip, archive, order, new ArrayList<>());
      Object root = new Unpickler(file, pickle, checkpoint).load();
      if (!(root instanceof Map<?, ?> stateDict)) {
        throw new CheckpointException(file, null, "does not hold a state dict (a mapping of names to tensors)");
      }
      for (Map.Entry<?, ?> entry : stateDict.entrySet()) {
        if (!(entry.getKey() instanceof String name) || !(entry.getValue() instanceof TensorRef ref)) {
          throw new CheckpointException(file, String.valueOf(entry.getKey()), "is not a tensor");
        }
        checkpoint.tensors.add(new PickledTensor(checkpoint, name, ref));
      }
      return checkpoint;
    } catch (RuntimeException e) {
      closeQuietly(zip);
      throw e;
    }
  }

  List<SourceTensor> tensors() {
    return tensors;
  }

  @Override
  public void close() {
    closeQuietly(zip);
  }

  private static String archiveName(Path file, ZipFile zip) {
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      String name = entries.nextElement().getName();
      if (name.endsWith("data.pkl")) {
        return name.substring(0, name.length() - "data.pkl".length());
      }
    }
    throw new CheckpointException(file, null, "has no data.pkl entry; not a torch.save archive");
  }

  private static ByteOrder byteOrder(ZipFile zip, String archive) {
    ZipEntry entry = zip.getEntry(archive + "byteorder");
    if (entry == null) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().equals("big")
          ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    } catch (IOException e) {
      return ByteOrder.LITTLE_ENDIAN;
    }
  }

  private static byte[] readEntry(Path file, ZipFile zip, String name) {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new CheckpointException(file, null, "lacks the archive entry " + name);
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new CheckpointException(file, null, "cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code count} elements of a storage, starting at element {@code offset}. */
  private ByteBuffer readStorage(String tensor, StorageRef storage, long offset, long count) {
    String name = archive + "data/" + storage.key();
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new CheckpointException(file, tensor, "its storage " + name + " is missing from the archive");
    }
    long bytes = count * storage.dtype().bytes();
    if (entry.getSize() >= 0 && (offset + count) * storage.dtype().bytes() > entry.getSize()) {
      throw new CheckpointException(file, tensor, "reads past the end of its storage " + name);
    }
    try (DataInputStream in = new DataInputStream(zip.getInputStream(entry))) {
      in.skipNBytes(offset * storage.dtype().bytes());
      byte[] data = new byte[Math.toIntExact(bytes)];
      in.readFully(data);
      return ByteBuffer.wrap(data).order(order);
    } catch (IOException e) {
      throw new CheckpointException(file, tensor, "cannot read its storage " + name + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException e) {
      // read-only
    }
  }

  /** A storage as the pickle names it: its dtype (from the storage class), archive key and element count. */
  record StorageRef(TensorDType dtype, String key, long elements) {}

  /** What {@code _rebuild_tensor_v2} would build: a view of a storage. */
  record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}

  private record PickledTensor(PytorchCheckpoint checkpoint, String storedName, TensorRef ref)
      implements SourceTensor {

    public long[] shape() {
      return ref.shape().clone();
    }

    public String dtype() {
      return ref.storage().dtype().name();
    }

    public Path file() {
      return checkpoint.file;
    }

    public float[] read() {
      TensorDType dtype = ref.storage().dtype();
      if (!dtype.isReadable()) {
        throw new CheckpointException(checkpoint.file, storedName, "is stored as " + dtype + "; only "
            + TensorDType.readable() + " tensors can be read as weights");
      }
      long[] shape = ref.shape();
      long[] stride = ref.stride();
      long elements = 1;
      long span = 1;
      for (int i = 0; i < shape.length; i++) {
        elements *= shape[i];
        span += (shape[i] - 1) * stride[i];
      }
      if (elements == 0) {
        return new float[0];
      }
      ByteBuffer data = checkpoint.readStorage(storedName, ref.storage(), ref.offset(), span);
      float[] values = new float[Math.toIntExact(elements)];
      long[] index = new long[shape.length];
      for (int i = 0; i < values.length; i++) {
        long position = 0;
        for (int d = 0; d < shape.length; d++) {
          position += index[d] * stride[d];
        }
        values[i] = (float) dtype.read(data, (int) position);
        for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
          index[d] = 0;
        }
      }
      return values;
    }
  }

  /**
   * The subset of the pickle machine (protocols 2 to 4) that a state dict of tensors uses. Objects are Java
   * values: strings, numbers, lists, tuples (as {@code Object[]}), maps, {@link StorageRef} and {@link TensorRef}.
   */
  private static final class Unpickler {
    private static final Object MARK = new Object();
    private final Path file;
    private final ByteBuffer in;
    private final PytorchCheckpoint checkpoint;
    private final List<Object> stack = new ArrayList<>();
    private final Map<Integer, Object> memo = new HashMap<>();

    Unpickler(Path file, byte[] pickle, PytorchCheckpoint checkpoint) {
      this.file = file;
      this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
      this.checkpoint = checkpoint;
    }

    Object load() {
      try {
        while (true) {
          int op = in.get() & 0xff;
          switch (op) {
            case 0x80 -> in.get();                              // PROTO
            case 0x95 -> in.getLong();                          // FRAME
            case '.' -> { return pop(); }                       // STOP
            case '(' -> stack.add(MARK);
            case ')' -> stack.add(new Object[0]);
            case ']' -> stack.add(new ArrayList<>());
            case '}' -> stack.add(new LinkedHashMap<>());
            case 'N' -> stack.add(null);
            case 0x88 -> stack.add(Boolean.TRUE);
            case 0x89 -> stack.add(Boolean.FALSE);
            case 'K' -> stack.add((long) (in.get() & 0xff));
            case 'M' -> stack.add((long) (in.getShort() & 0xffff));
            case 'J' -> stack.add((long) in.getInt());
            case 0x8a -> stack.add(long1());
            case 'G' -> stack.add(binfloat());
            case 'X' -> stack.add(string(in.getInt()));
            case 0x8c -> stack.add(string(in.get() & 0xff));
            case 0x8d -> stack.add(string(Math.toIntExact(in.getLong())));
            case 'c' -> stack.add(global(line() + "." + line()));
            case 0x93 -> { Object name = pop(); Object module = pop(); stack.add(global(module + "." + name)); }
            case 'q' -> memo.put(in.get() & 0xff, peek());
            case 'r' -> memo.put(in.getInt(), peek());
            case 0x94 -> memo.put(memo.size(), peek());
            case 'h' -> stack.add(memoGet(in.get() & 0xff));
            case 'j' -> stack.add(memoGet(in.getInt()));
            case 't' -> stack.add(popMark().toArray());
            case 0x85 -> stack.add(new Object[] {pop()});
            case 0x86 -> { Object b = pop(); Object a = pop(); stack.add(new Object[] {a, b}); }
            case 0x87 -> { Object c = pop(); Object b = pop(); Object a = pop(); stack.add(new Object[] {a, b, c}); }
            case 'a' -> { Object v = pop(); list(peek()).add(v); }
            case 'e' -> { List<Object> items = popMark(); list(peek()).addAll(items); }
            case 's' -> { Object v = pop(); Object k = pop(); map(peek()).put(k, v); }
            case 'u' -> {
              List<Object> items = popMark();
              Map<Object, Object> target = map(peek());
              for (int i = 0; i + 1 < items.size(); i += 2) {
                target.put(items.get(i), items.get(i + 1));
              }
            }
            case 'Q' -> stack.add(persistent(pop()));
            case 'R' -> { Object args = pop(); Object callable = pop(); stack.add(call(callable, (Object[]) args)); }
            case 'b' -> pop();  // BUILD: only OrderedDict attributes (_metadata) reach here; they are not needed
            default -> throw refuse(String.format(Locale.ROOT,
                "uses pickle opcode 0x%02x, which a state dict of tensors never"
                + " needs", op));
          }
        }
      } catch (java.nio.BufferUnderflowException | ClassCastException | IndexOutOfBoundsException e) {
        throw new CheckpointException(file, null, "data.pkl is malformed or not a state dict: " + e);
      }
    }

    /** BINFLOAT: the one big-endian field of a pickle; every read after it stays little-endian. */
    private double binfloat() {
      return Double.longBitsToDouble(Long.reverseBytes(in.getLong()));
    }

    private CheckpointException refuse(String problem) {
      return new CheckpointException(file, null, "refused: data.pkl " + problem);
    }

    private Object global(String name) {
      if (!CALLABLES.contains(name) && !STORAGES.containsKey(name)) {
        throw refuse("references '" + name + "', which is not tensor storage; the file is not loaded");
      }
      return new Global(name);
    }

    private Object persistent(Object pid) {
      Object[] id = (Object[]) pid;
      if (id.length < 5 || !"storage".equals(id[0]) || !(id[1] instanceof Global type)) {
        throw refuse("has a persistent id that is not a tensor storage");
      }
      TensorDType dtype = STORAGES.get(type.name());
      if (dtype == null) {
        throw refuse("has a storage of type " + type.name());
      }
      return new StorageRef(dtype, (String) id[2], (Long) id[4]);
    }

    private Object call(Object callable, Object[] args) {
      if (!(callable instanceof Global global)) {
        throw refuse("calls something that is not a known global");
      }
      return switch (global.name()) {
        case "collections.OrderedDict" -> new LinkedHashMap<>();
        case "torch._utils._rebuild_tensor_v2" -> new TensorRef(
            (StorageRef) args[0], (Long) args[1], longs((Object[]) args[2]), longs((Object[]) args[3]));
        case "torch._utils._rebuild_parameter" -> args[0];
        default -> throw refuse("calls '" + global.name() + "'");
      };
    }

    private static long[] longs(Object[] values) {
      long[] out = new long[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = (Long) values[i];
      }
      return out;
    }

    private long long1() {
      int n = in.get() & 0xff;
      long value = 0;
      for (int i = 0; i < n; i++) {
        value |= (long) (in.get() & 0xff) << (8 * i);
      }
      if (n > 0 && n < 8 && (value & (1L << (8 * n - 1))) != 0) {
        value -= 1L << (8 * n);
      }
      return value;
    }

    private String string(int length) {
      byte[] bytes = new byte[length];
      in.get(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    private String line() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte b = in.get(); b != '\n'; b = in.get()) {
        out.write(b);
      }
      return out.toString(StandardCharsets.UTF_8);
    }

    private Object memoGet(int key) {
      if (!memo.containsKey(key)) {
        throw refuse("refers to memo entry " + key + ", which was never stored");
      }
      return memo.get(key);
    }

    private Object pop() {
      return stack.remove(stack.size() - 1);
    }

    private Object peek() {
      return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() {
      int mark = stack.lastIndexOf(MARK);
      if (mark < 0) {
        throw refuse("pops to a mark that was never set");
      }
      List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
      stack.subList(mark, stack.size()).clear();
      return items;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
      return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object value) {
      return (Map<Object, Object>) value;
    }

    private record Global(String name) {}
  }
}
