package io.tsllm.converters.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converts a generated 1.1B-parameter LLaMA checkpoint in BF16 (TinyLlama-1.1B's shapes: 22 layers, width 2048,
 * MLP 5632, 32 query and 4 key/value heads, vocabulary 32000; random values; three safetensors shards, about 2.2 GB)
 * in a child JVM with a small fixed heap, and prints wall time, peak Java heap and peak RSS. Run: {@code mvn
 * -Dbenchmarks -pl converters test -Dtest=LlamaConversionBenchmark}.
 */
@Tag("benchmark")
class LlamaConversionBenchmark {

  static final String CONFIG = "{\"model_type\": \"llama\", \"hidden_size\": 2048, \"intermediate_size\": 5632,"
      + " \"num_hidden_layers\": 22, \"num_attention_heads\": 32, \"num_key_value_heads\": 4,"
      + " \"max_position_embeddings\": 2048, \"rms_norm_eps\": 1e-5, \"vocab_size\": 32000,"
      + " \"torch_dtype\": \"bfloat16\"}";

  @TempDir Path temp;

  @Test
  void convertTinyLlamaSizeBf16() throws Exception {
    Path source = Files.createDirectories(temp.resolve("tinyllama"));
    Files.writeString(source.resolve("config.json"), CONFIG);
    HfLlamaConfig config = HfLlamaConfig.read(source.resolve("config.json"));
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put("model.embed_tokens.weight", new long[] {32000, 2048});
    for (String name : config.requiredTensors(22)) {
      shapes.put("model." + name, config.expectedShape(name));
    }
    shapes.put("lm_head.weight", new long[] {32000, 2048});
    long started = System.nanoTime();
    long parameters = writeShards(source, shapes, 3);
    System.out.printf("llama conversion benchmark: wrote %.2f B parameters as BF16 in %.1f s%n", parameters / 1e9,
        (System.nanoTime() - started) / 1e9);

    for (String[] run : new String[][] {{"false", "-Xmx256m"}, {"true", "-Xmx512m"}}) {
      Path out = temp.resolve("converted-" + run[0]);
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), run[1],
          "-cp", System.getProperty("java.class.path"), LlamaConversionBenchmark.class.getName(), source.toString(),
          out.toString(), run[0]);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.waitFor(), output);
      System.out.printf("llama conversion benchmark (%s, keep embeddings %s, CPU %s): %s%n", run[1], run[0],
          cpu(), output.strip().lines().reduce((first, last) -> last).orElse(""));
      deleteTree(out);
    }
  }

  /** The child: converts and prints time, peak heap and peak RSS. */
  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    ConvertedLlama converted = new LlamaConverter().convert(Path.of(args[0]), Path.of(args[1]),
        new BundleConverter.Options(null, Boolean.parseBoolean(args[2])));
    double seconds = (System.nanoTime() - started) / 1e9;
    long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    long bundle = 0;
    try (var files = Files.walk(Path.of(args[1]))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        bundle += Files.size(f);
      }
    }
    System.out.printf("%d tensors (%.2f GB of float32) in %.1f s, peak Java heap %d MB, peak RSS %d MB%n",
        converted.shapes().size(), bundle / 1e9, seconds, peakHeap >> 20, peakRssKb() >> 10);
  }

  private static long peakRssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static String cpu() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown");
  }

  /** Streams random BF16 tensors into {@code count} shards with their index, never holding a tensor whole. */
  private static long writeShards(Path folder, Map<String, long[]> shapes, int count) throws IOException {
    List<List<String>> shards = new ArrayList<>();
    List<String> names = new ArrayList<>(shapes.keySet());
    for (int s = 0; s < count; s++) {
      shards.add(names.subList(s * names.size() / count, (s + 1) * names.size() / count));
    }
    StringBuilder index = new StringBuilder("{\"metadata\": {}, \"weight_map\": {");
    SplittableRandom random = new SplittableRandom(1);
    long parameters = 0;
    for (int s = 0; s < count; s++) {
      String file = String.format("model-%05d-of-%05d.safetensors", s + 1, count);
      StringBuilder header = new StringBuilder("{");
      long offset = 0;
      for (String name : shards.get(s)) {
        long size = size(shapes.get(name));
        header.append(header.length() > 1 ? "," : "").append('"').append(name).append("\":{\"dtype\":\"BF16\","
            + "\"shape\":").append(java.util.Arrays.toString(shapes.get(name)).replace(" ", ""))
            .append(",\"data_offsets\":[").append(offset).append(',').append(offset + size * 2).append("]}");
        offset += size * 2;
        index.append(index.charAt(index.length() - 1) == '{' ? "" : ", ").append('"').append(name).append("\": \"")
            .append(file).append('"');
      }
      byte[] json = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(folder.resolve(file)), 1 << 20)) {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.write(json);
        float[] chunk = new float[1 << 20];
        for (String name : shards.get(s)) {
          long remaining = size(shapes.get(name));
          parameters += remaining;
          while (remaining > 0) {
            int n = (int) Math.min(chunk.length, remaining);
            float[] values = n == chunk.length ? chunk : new float[n];
            for (int i = 0; i < n; i++) {
              values[i] = (float) ((random.nextDouble() - 0.5) * 0.04);
            }
            out.write(TensorDType.BF16.encode(values));
            remaining -= n;
          }
        }
      }
    }
    Files.writeString(folder.resolve("model.safetensors.index.json"), index.append("}}").toString());
    return parameters;
  }

  private static long size(long[] shape) {
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    return size;
  }

  private static void deleteTree(Path folder) throws IOException {
    try (var paths = Files.walk(folder)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
