package io.tsllm.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The consoles of processes a test started ({@code *.console} files of a folder), for its failure messages. */
public final class ConsoleFiles {

  private ConsoleFiles() {}

  /** Every {@code *.console} file of {@code folder}, by name, each under a line naming it. */
  public static String of(Path folder) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path file : entries.filter(p -> p.toString().endsWith(".console")).sorted().toList()) {
        all.append("\n--- ").append(file.getFileName()).append(":\n").append(Files.readString(file));
      }
    }
    return all.toString();
  }
}
