package io.tsllm.core.suite;

import io.tsllm.core.UserInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A suite that cannot run: every problem of every cell, each with the cell and the JSON path. */
public final class SuiteException extends UserInputException {

  private final List<String> problems;

  public SuiteException(Path file, List<String> problems) {
    super(problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n",
        file + (problems.size() == 1 ? " has a problem" : " has " + problems.size() + " problems")
            + "; no cell was run:\n", "")));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
