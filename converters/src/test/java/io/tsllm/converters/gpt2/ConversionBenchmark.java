package io.tsllm.converters.gpt2;

import io.tsllm.converters.bundle.BundleConverter;
import io.tsllm.converters.safetensors.TensorDType;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converts a full-size GPT-2 (124M parameters: 12 layers, width 768, vocabulary 50257, 1024 positions; random
 * values, F32, about 500 MB) and prints wall time and peak Java heap. Run: {@code mvn -Dbenchmarks -pl converters
 * test}.
 */
@Tag("benchmark")
class ConversionBenchmark {

  @TempDir Path temp;

  @Test
  void convertFullSizeGpt2() throws Exception {
    HfGpt2Config config = new HfGpt2Config(768, 12, 12, 1024, 1e-5, "gelu_new");
    Path source = Files.createDirectories(temp.resolve("gpt2"));
    Files.writeString(source.resolve("config.json"),
        "{\"model_type\": \"gpt2\", \"n_embd\": 768, \"n_layer\": 12, \"n_head\": 12, \"n_positions\": 1024}");
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put("wte.weight", new long[] {50257, 768});
    for (String name : config.requiredTensors(12)) {
      shapes.put(name, config.expectedShape(name));
    }
    long bytes = writeRandomSafetensors(source.resolve("model.safetensors"), shapes);

    for (boolean keepWte : new boolean[] {false, true}) {
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      long started = System.nanoTime();
      Path out = temp.resolve(keepWte ? "converted-wte" : "converted");
      ConvertedGpt2 converted = new Gpt2Converter().convert(source, out, new BundleConverter.Options(null, keepWte));
      double seconds = (System.nanoTime() - started) / 1e9;
      long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
      System.out.printf("conversion benchmark: %d MB safetensors (124M parameters), keep wte %s: %d tensors in %.2f s,"
              + " peak Java heap %d MB (max heap %d MB)%n", bytes >> 20, keepWte, converted.shapes().size(), seconds,
          peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  /** Streams random F32 tensors to disk, so generating the input does not itself need the whole model in memory. */
  private static long writeRandomSafetensors(Path file, Map<String, long[]> shapes) throws IOException {
    StringBuilder header = new StringBuilder("{");
    long offset = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      long size = 1;
      for (long d : e.getValue()) {
        size *= d;
      }
      header.append(header.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":{\"dtype\":\"F32\","
          + "\"shape\":").append(java.util.Arrays.toString(e.getValue()).replace(" ", ""))
          .append(",\"data_offsets\":[").append(offset).append(',').append(offset + size * 4).append("]}");
      offset += size * 4;
    }
    byte[] json = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
    Random random = new Random(1);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
      out.write(json);
      for (long[] shape : shapes.values()) {
        long size = 1;
        for (long d : shape) {
          size *= d;
        }
        float[] values = new float[(int) size];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (random.nextGaussian() * 0.02);
        }
        out.write(TensorDType.F32.encode(values));
      }
    }
    return Files.size(file);
  }
}
