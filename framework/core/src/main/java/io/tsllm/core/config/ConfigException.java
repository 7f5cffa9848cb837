package io.tsllm.core.config;

import io.tsllm.core.UserInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** An experiment file that cannot be used; lists every problem found. */
public final class ConfigException extends UserInputException {

  private final List<ConfigProblem> problems;

  public ConfigException(Path file, List<ConfigProblem> problems) {
    super(format(file, problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(Path file, List<ConfigProblem> problems) {
    String header = file + (problems.size() == 1 ? " has a problem:" : " has " + problems.size() + " problems:");
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n", ""));
  }
}
