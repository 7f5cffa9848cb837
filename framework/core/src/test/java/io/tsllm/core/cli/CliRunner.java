package io.tsllm.core.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the CLI in-process and captures what it prints. */
record CliRunner(Map<String, String> environment) {

  record Outcome(int exitCode, String out, String err) {}

  CliRunner() {
    this(Map.of());
  }

  Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Outcome(code, out.toString(), err.toString());
  }
}
