package io.tsllm.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What this CPU offers for bfloat16, read from {@code /proc/cpuinfo} (Linux). */
public record CpuFeatures(String model, List<String> bf16Flags) {

  /** The flags that give native bfloat16 matrix arithmetic. */
  private static final List<String> BF16 = List.of("avx512_bf16", "amx_bf16");

  public static CpuFeatures detect() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
      List<String> flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst()
          .map(l -> List.of(l.substring(l.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT).split("\\s+")))
          .orElse(List.of());
      return new CpuFeatures(model, BF16.stream().filter(flags::contains).toList());
    } catch (IOException | RuntimeException e) {
      return new CpuFeatures("unknown", List.of());
    }
  }

  public boolean nativeBf16() {
    return !bf16Flags.isEmpty();
  }
}
