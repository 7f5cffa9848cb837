package io.tsllm.core.cli;

import io.tsllm.core.UserInputException;
import io.tsllm.core.io.OutputFault;
import io.tsllm.core.run.FrameworkVersion;
import io.tsllm.core.train.TrainingDivergedException;
import io.tsllm.core.train.WorkerLostException;
import io.tsllm.spi.DataException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code java -jar framework.jar <command>}. */
@Command(
    name = "framework.jar",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "tsllm: pre-trained language models for time series, on TensorFlow Java.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

  /** Exit code for input the user must fix: config, data, plugin jars, command-line usage. */
  public static final int BAD_INPUT = 2;
  /** Exit code for a run that failed while training. */
  public static final int RUN_FAILED = 1;

  private final String[] arguments;
  private final Map<String, String> environment;

  Main(String[] arguments, Map<String, String> environment) {
    this.arguments = arguments.clone();
    this.environment = Map.copyOf(environment);
  }

  /** JavaCPP's own limit on the process's physical memory, which TensorFlow's native memory would trip. */
  static final String JAVACPP_MAX_PHYSICAL = "org.bytedeco.javacpp.maxPhysicalBytes";

  public static void main(String[] args) {
    // JavaCPP refuses to allocate a tensor once the whole process's resident memory passes 4 x -Xmx, so a JVM
    // started with a small heap dies with an OutOfMemoryError while TensorFlow's native memory is legitimately
    // large (a GPT4TS-size step with -Xmx1g). The heap limit stays -Xmx's; the native side is TensorFlow's to manage.
    if (System.getProperty(JAVACPP_MAX_PHYSICAL) == null) {
      System.setProperty(JAVACPP_MAX_PHYSICAL, "0");
    }
    System.exit(execute(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs a command as the CLI would, printing to the given writers; returns the exit code. */
  public static int execute(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
    Main main = new Main(args, environment);
    CommandLine commandLine = new CommandLine(main)
        .addSubcommand(new RunCommand(main))
        .addSubcommand(new ValidateCommand(main))
        .addSubcommand(new PluginsCommand(main))
        .addSubcommand(new ConvertCommand())
        .addSubcommand(new RunsCommand())
        .addSubcommand(new EvaluateCommand(main))
        .addSubcommand(new PredictCommand(main))
        .addSubcommand(new BenchCommand(main))
        .addSubcommand(new SuiteCommand(main));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, cmd.getErr()));
    return commandLine.execute(args);
  }

  /**
   * Prints a command's failure as the CLI does (input to fix in one line, exit 2; a failed run, exit 1; anything
   * else as an internal error with its trace) and returns the exit code; front ends beside this one share it.
   */
  public static int report(Exception e, PrintWriter err) {
    Throwable userError = userError(e);
    if (userError != null) {
      err.println("error: " + userError.getMessage());
      err.flush();
      return BAD_INPUT;
    }
    if (OutputFault.reason(e).isPresent()) {
      // A full disk, a read-only or forbidden folder: the user's to fix, in one line with the OS's reason.
      err.println("error: " + OutputFault.describe(e));
      err.flush();
      return BAD_INPUT;
    }
    if (e instanceof TrainingDivergedException || e instanceof WorkerLostException) {
      err.println("error: " + e.getMessage());
      err.flush();
      return RUN_FAILED;
    }
    err.println("internal error (please report it with the run's log): " + e);
    e.printStackTrace(err);
    err.flush();
    return RUN_FAILED;
  }

  /** The user-input error behind {@code e}, looking through wrappers such as Guice's ProvisionException. */
  private static Throwable userError(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UserInputException || cause instanceof DataException) {
        return cause;
      }
    }
    return null;
  }

  String[] arguments() {
    return arguments.clone();
  }

  Map<String, String> environment() {
    return environment;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** No command: the usage on stderr and the exit code of a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("error: name a command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return BAD_INPUT;
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      FrameworkVersion version = FrameworkVersion.load();
      return new String[] {
        "tsllm " + version.framework() + " (TensorFlow Java " + version.tensorflowJava() + ")"
      };
    }
  }
}
