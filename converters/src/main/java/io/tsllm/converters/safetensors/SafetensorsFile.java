package io.tsllm.converters.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A safetensors file: an 8-byte little-endian header length, a JSON header mapping tensor names to dtype, shape and
 * byte range, then the data. The header is checked in full when the file is opened (lengths, dtypes, byte counts
 * against shapes, ranges inside the file and not overlapping); tensors are read one at a time, on demand.
 */
public final class SafetensorsFile implements AutoCloseable {

  /** Headers beyond this are refused rather than allocated: real ones are kilobytes to a few megabytes. */
  private static final long MAX_HEADER = 100L << 20;

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsFile(
      Path file, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  public static SafetensorsFile open(Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(file, null, "no such file");
    } catch (IOException e) {
      throw new CheckpointException(file, null, "cannot be opened: " + e.getMessage(), e);
    }
    try {
      return parse(file, channel);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static SafetensorsFile parse(Path file, FileChannel channel) {
    long size = size(file, channel);
    if (size < 8) {
      throw new CheckpointException(file, null, "is " + size + " bytes long, too short for a safetensors header");
    }
    long headerLength = read(file, channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > size) {
      throw new CheckpointException(file, null, "header length " + headerLength + " is beyond the end of the "
          + size + "-byte file (truncated or not a safetensors file)");
    }
    String json = StandardCharsets.UTF_8.decode(read(file, channel, 8, (int) headerLength)).toString();
    JsonNode header;
    try {
      header = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new CheckpointException(file, null, "header is not valid JSON: " + e.getMessage(), e);
    }
    if (header == null || !header.isObject()) {
      throw new CheckpointException(file, null, "header is not a JSON object");
    }
    long dataLength = size - 8 - headerLength;
    Map<String, TensorInfo> tensors = new TreeMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equals("__metadata__")) {
        entry.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      tensors.put(entry.getKey(), tensorInfo(file, entry.getKey(), entry.getValue(), dataLength));
    }
    checkNoOverlap(file, tensors);
    return new SafetensorsFile(file, channel, 8 + headerLength, Collections.unmodifiableMap(tensors), metadata);
  }

  private static TensorInfo tensorInfo(Path file, String name, JsonNode node, long dataLength) {
    JsonNode dtypeNode = node.get("dtype");
    JsonNode shapeNode = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (dtypeNode == null || shapeNode == null || !shapeNode.isArray() || offsets == null || !offsets.isArray()
        || offsets.size() != 2) {
      throw new CheckpointException(file, name, "header entry lacks dtype, shape or a [begin, end] data_offsets");
    }
    TensorDType dtype;
    try {
      dtype = TensorDType.valueOf(dtypeNode.asText());
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(file, name, "dtype " + dtypeNode.asText() + " is not a safetensors dtype (the"
          + " specification's: " + List.of(TensorDType.values()) + ")");
    }
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!shapeNode.get(i).canConvertToLong() || shapeNode.get(i).asLong() < 0) {
        throw new CheckpointException(file, name, "shape " + shapeNode + " has a dimension that is not a size");
      }
      shape[i] = shapeNode.get(i).asLong();
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    if (begin < 0 || end < begin || end > dataLength) {
      throw new CheckpointException(file, name, "data_offsets [" + begin + ", " + end + "] fall outside the "
          + dataLength + " bytes of data (truncated file or corrupt header)");
    }
    TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
    long expected;
    try {
      expected = dtype.byteLength(info.elements());
    } catch (ArithmeticException e) {
      throw new CheckpointException(file, name, "shape " + shapeNode + " of " + dtype + " is not a valid size: "
          + e.getMessage());
    }
    if (end - begin != expected) {
      throw new CheckpointException(file, name, "holds " + (end - begin) + " bytes, but " + dtype + " x shape "
          + shapeNode + " needs " + expected);
    }
    return info;
  }

  private static void checkNoOverlap(Path file, Map<String, TensorInfo> tensors) {
    List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
    byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    for (int i = 1; i < byOffset.size(); i++) {
      TensorInfo previous = byOffset.get(i - 1);
      TensorInfo current = byOffset.get(i);
      if (current.begin() < previous.end()) {
        throw new CheckpointException(file, current.name(), "its bytes [" + current.begin() + ", " + current.end()
            + ") overlap those of '" + previous.name() + "' [" + previous.begin() + ", " + previous.end() + ")");
      }
    }
  }

  public Path file() {
    return file;
  }

  /** Tensors by name, sorted. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  public Map<String, String> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  public TensorInfo info(String name) {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new CheckpointException(file, name, "no such tensor (the file has " + tensors.size() + ")");
    }
    return info;
  }

  /** The tensor's values, widened or narrowed to float32, row-major. */
  public float[] readFloats(String name) {
    TensorInfo info = readableInfo(name);
    ByteBuffer bytes = bytes(info);
    float[] values = new float[Math.toIntExact(info.elements())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) info.dtype().read(bytes, i);
    }
    return values;
  }

  /** The tensor's values as float64, row-major. */
  public double[] readDoubles(String name) {
    TensorInfo info = readableInfo(name);
    ByteBuffer bytes = bytes(info);
    double[] values = new double[Math.toIntExact(info.elements())];
    for (int i = 0; i < values.length; i++) {
      values[i] = info.dtype().read(bytes, i);
    }
    return values;
  }

  private TensorInfo readableInfo(String name) {
    TensorInfo info = info(name);
    if (!info.dtype().isReadable()) {
      throw new CheckpointException(file, name, "is stored as " + info.dtype() + "; only "
          + TensorDType.readable() + " tensors can be read as weights");
    }
    return info;
  }

  /** A tensor's bytes, memory-mapped so that large tensors do not pass through the Java heap twice. */
  private ByteBuffer bytes(TensorInfo info) {
    try {
      return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), info.end() - info.begin())
          .order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new CheckpointException(file, info.name(), "cannot be read: " + e.getMessage(), e);
    }
  }

  private static ByteBuffer read(Path file, FileChannel channel, long position, int length) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          throw new CheckpointException(file, null, "ends early, at byte " + (position + buffer.position()));
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(file, null, "cannot be read: " + e.getMessage(), e);
    }
    return buffer.flip();
  }

  private static long size(Path file, FileChannel channel) {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new CheckpointException(file, null, "cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written; nothing to lose
    }
  }
}
