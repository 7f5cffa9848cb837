package io.tsllm.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds third-party plugin jars at test time: compiles sources against the SPI (and what the SPI exposes:
 * TensorFlow's API, Jackson's annotations) and packs them with their META-INF/services entries.
 */
public final class PluginJars {

  private PluginJars() {}

  /**
   * @param sources fully qualified class name to source text
   * @param services SPI interface name to implementing class name
   */
  public static Path build(Path jar, Map<String, String> sources, Map<String, String> services) throws IOException {
    Path work = Files.createTempDirectory(jar.getParent(), "plugin-src");
    Path classes = Files.createDirectories(work.resolve("classes"));
    String[] files = new String[sources.size()];
    int i = 0;
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files[i++] = file.toString();
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    String classPath = System.getProperty("java.class.path");
    String[] args = Stream.concat(
        Stream.of("-d", classes.toString(), "-cp", classPath, "--release", "17", "-proc:none"), Stream.of(files))
        .toArray(String[]::new);
    int status = compiler.run(null, null, null, args);
    assertTrue(status == 0, "the test plugin does not compile");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      // Jars built from the same sources under different names differ, as separately built plugins would.
      out.putNextEntry(new JarEntry("META-INF/tsllm-test-jar.txt"));
      out.write(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      for (Map.Entry<String, String> service : services.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
        out.write((service.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      List<Path> classFiles;
      try (Stream<Path> walk = Files.walk(classes)) {
        classFiles = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path classFile : classFiles) {
        out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
        try (OutputStream entry = new NonClosing(out)) {
          Files.copy(classFile, entry);
        }
        out.closeEntry();
      }
    }
    return jar;
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** An embedder named "point": every time step is a token, a linear map of all channels. */
  public static final String POINT_EMBEDDER = """
      package com.example.tsllm;

      import io.tsllm.spi.*;
      import org.tensorflow.Operand;
      import org.tensorflow.ndarray.Shape;
      import org.tensorflow.op.Ops;
      import org.tensorflow.types.TFloat32;

      public final class PointEmbedder implements Embedder<PointEmbedder.Config> {

        public record Config(Double initScale) implements PluginConfig {
          public Config {
            initScale = initScale == null ? 0.1 : initScale;
          }

          @Override
          public void validate(ConfigProblems problems) {
            problems.check(initScale > 0, "init_scale", initScale, "a number > 0");
          }
        }

        public String name() { return "point"; }

        public Class<Config> configType() { return Config.class; }

        public String description() { return "one token per time step (test plugin)"; }

        public FeatureTokens embed(GraphContext context, Config config, Operand<TFloat32> series, int width) {
          Ops tf = context.tf();
          int length = context.windowShape().inputLength();
          int channels = context.windowShape().channels();
          var weight = context.parameter("weight", ParameterRole.EMBEDDER, Shape.of(channels, width),
              Initializers.normal(config.initScale().floatValue()));
          Operand<TFloat32> flat = tf.reshape(series, tf.constant(new int[] {-1, channels}));
          Operand<TFloat32> tokens =
              tf.reshape(tf.linalg.matMul(flat, weight), tf.constant(new int[] {-1, length, width}));
          return new FeatureTokens() {
            public Operand<TFloat32> tokens() { return tokens; }
            public int count() { return length; }
            public int width() { return width; }
            public int channelsPerSequence() { return channels; }
            public Operand<TFloat32> toSeries(Ops ops, Operand<TFloat32> perSequence) {
              int steps = (int) perSequence.shape().get(1) / channels;
              return ops.reshape(perSequence, ops.constant(new int[] {-1, steps, channels}));
            }
          };
        }
      }
      """;

  /** A dataset named "exploding": sine windows whose training split fails after a number of reads. */
  public static final String EXPLODING_DATASET = """
      package com.example.tsllm;

      import io.tsllm.spi.*;
      import java.nio.file.Path;
      import java.util.List;
      import java.util.Map;
      import java.util.Optional;

      public final class ExplodingDataset implements DatasetLoader<ExplodingDataset.Config> {

        public record Config(Integer failAfterReads, Integer nanAfterReads) implements PluginConfig {
          public Config {
            failAfterReads = failAfterReads == null ? Integer.MAX_VALUE : failAfterReads;
            nanAfterReads = nanAfterReads == null ? Integer.MAX_VALUE : nanAfterReads;
          }
        }

        public String name() { return "exploding"; }

        public Class<Config> configType() { return Config.class; }

        public Dataset load(Config config, DataContext context) {
          WindowShape shape = new WindowShape(24, 1, 8, 1, List.of("sine"));
          int[] reads = {0};
          WindowSplit train = split(200, () -> {
            if (++reads[0] > config.failAfterReads()) {
              throw new IllegalStateException("the disk went away");
            }
          }, () -> reads[0] > config.nanAfterReads());
          return new Dataset() {
            public WindowShape shape() { return shape; }
            public WindowSplit train() { return train; }
            public WindowSplit validation() { return split(50, () -> {}, () -> false); }
            public WindowSplit test() { return split(50, () -> {}, () -> false); }
            public Optional<ChannelScaler> scaler() { return Optional.empty(); }
            public List<Path> sourceFiles() { return List.of(); }
            public Map<String, Object> describe() { return Map.of("windows", 200); }
          };
        }

        private static WindowSplit split(int size, Runnable onRead, java.util.function.BooleanSupplier poisoned) {
          return new WindowSplit() {
            public int size() { return size; }
            public void copyInput(int index, float[] dest, int offset) {
              onRead.run();
              for (int t = 0; t < 24; t++) dest[offset + t] = (float) Math.sin((index + t) / 5.0);
            }
            public void copyTarget(int index, float[] dest, int offset) {
              for (int t = 0; t < 8; t++) {
                dest[offset + t] = poisoned.getAsBoolean() ? Float.NaN : (float) Math.sin((index + 24 + t) / 5.0);
              }
            }
          };
        }
      }
      """;

  /** The starter plugin project's sources (plugins/starter), built into a jar as its own pom would. */
  public static final Path STARTER = Path.of("../../plugins/starter").toAbsolutePath().normalize();

  /** Compiles the starter project's main sources against the SPI and packs them with its service files. */
  public static Path starterJar(Path folder) throws IOException {
    Path sources = STARTER.resolve("src/main/java");
    Map<String, String> classes = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(sources)) {
      for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = sources.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
        classes.put(name, Files.readString(file));
      }
    }
    Map<String, String> services = new java.util.TreeMap<>();
    try (Stream<Path> list = Files.list(STARTER.resolve("src/main/resources/META-INF/services"))) {
      for (Path file : list.toList()) {
        services.put(file.getFileName().toString(), Files.readString(file).trim());
      }
    }
    return build(folder.resolve("tsllm-starter-plugin.jar"), classes, services);
  }

  /** An embedder named {@code name} like "point", changed by {@code edit} (e.g. to throw or to misbehave). */
  public static Path editedEmbedderJar(Path folder, String fileName, String name,
      java.util.function.UnaryOperator<String> edit) throws IOException {
    String source = edit.apply(POINT_EMBEDDER.replace("\"point\"", "\"" + name + "\""));
    return build(folder.resolve(fileName), Map.of("com.example.tsllm.PointEmbedder", source),
        Map.of("io.tsllm.spi.Embedder", "com.example.tsllm.PointEmbedder"));
  }

  public static Path pointEmbedderJar(Path folder, String fileName) throws IOException {
    return build(folder.resolve(fileName), Map.of("com.example.tsllm.PointEmbedder", POINT_EMBEDDER),
        Map.of("io.tsllm.spi.Embedder", "com.example.tsllm.PointEmbedder"));
  }

  /** The "exploding" dataset, renamed "slow-test", whose test windows take 40 ms each to read. */
  public static Path slowTestDatasetJar(Path folder) throws IOException {
    String source = EXPLODING_DATASET.replace("\"exploding\"", "\"slow-test\"").replace(
        "public WindowSplit test() { return split(50, () -> {}, () -> false); }",
        "public WindowSplit test() { return split(50, () -> { try { Thread.sleep(40); } catch (InterruptedException e)"
            + " { Thread.currentThread().interrupt(); } }, () -> false); }");
    return build(folder.resolve("slow-test.jar"), Map.of("com.example.tsllm.ExplodingDataset", source),
        Map.of("io.tsllm.spi.DatasetLoader", "com.example.tsllm.ExplodingDataset"));
  }

  public static Path explodingDatasetJar(Path folder) throws IOException {
    return build(folder.resolve("exploding.jar"), Map.of("com.example.tsllm.ExplodingDataset", EXPLODING_DATASET),
        Map.of("io.tsllm.spi.DatasetLoader", "com.example.tsllm.ExplodingDataset"));
  }
}
