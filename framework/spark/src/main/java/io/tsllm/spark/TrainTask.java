package io.tsllm.spark;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.BarrierTaskContext;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One barrier task of a distributed training on Spark: it picks a free port on its executor's host, learns every
 * task's {@code host:port} (and the chief's decision to start fresh or resume) through
 * {@link BarrierTaskContext#allGather}, then runs its worker in a JVM of its own ({@link TrainWorkerProcess}) and
 * waits for it. A worker that fails fails the task, and with it the barrier stage; Spark then retries every task
 * of the stage, and the chief of the new attempt resumes from the last checkpoint in the run folder, which every
 * executor sees.
 */
final class TrainTask extends AbstractFunction1<Iterator<Integer>, Iterator<String>> implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String FRESH = "fresh";
  private static final String RESUME = "resume";

  private final String experiment;
  private final String runFolder;
  private final List<String> pluginJars;
  private final List<String> overrides;
  private final int threads;

  TrainTask(Path experiment, Path runFolder, List<Path> pluginJars, List<String> overrides, int threads) {
    this.experiment = experiment.toAbsolutePath().toString();
    this.runFolder = runFolder.toAbsolutePath().toString();
    this.pluginJars = pluginJars.stream().map(p -> p.toAbsolutePath().toString()).toList();
    this.overrides = List.copyOf(overrides);
    this.threads = threads;
  }

  @Override
  public Iterator<String> apply(Iterator<Integer> partition) {
    BarrierTaskContext context = BarrierTaskContext.get();
    int task = context.partitionId();
    String host = host(context.getTaskInfos()[task].address());
    String mode = task == 0 ? chiefMode(context.stageAttemptNumber()) : "";
    String[] gathered = context.allGather(host + ":" + freePort(host) + " " + mode);
    List<String> workers = new ArrayList<>();
    for (String entry : gathered) {
      workers.add(entry.split(" ")[0]);
    }
    String chiefMode = gathered[0].split(" ")[1];
    Path log = Path.of(runFolder).resolveSibling(Path.of(runFolder).getFileName() + ".task-" + task + "-attempt-"
        + context.stageAttemptNumber() + ".console");
    int exit = runWorker(chiefMode, String.join(",", workers), task, log);
    if (exit != 0) {
      throw new IllegalStateException("worker " + task + " (" + workers.get(task) + ") ended with exit code " + exit
          + ": " + lastLines(log));
    }
    return CollectionConverters.asScala(List.of("worker " + task + " of " + workers.size() + " at "
        + workers.get(task) + ": done").iterator());
  }

  /**
   * Resume when the run folder holds a checkpoint; otherwise start fresh, moving aside a folder that an earlier
   * attempt created but left without a checkpoint.
   */
  private String chiefMode(int attempt) {
    Path folder = Path.of(runFolder);
    if (Files.isRegularFile(folder.resolve("checkpoints/last.json"))) {
      return RESUME;
    }
    if (Files.exists(folder)) {
      try {
        Files.move(folder, folder.resolveSibling(folder.getFileName() + ".no-checkpoint-" + attempt));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot move aside " + folder + ", left by an earlier attempt", e);
      }
    }
    return FRESH;
  }

  private int runWorker(String mode, String cluster, int task, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath());
    command.add(TrainWorkerProcess.class.getName());
    command.addAll(List.of(mode, experiment, runFolder, cluster, String.valueOf(task)));
    command.addAll(pluginJars);
    command.add("--");
    command.addAll(overrides);
    command.add("training.threads=" + threads);
    try {
      Process worker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        return worker.waitFor();
      } catch (InterruptedException e) {
        // Spark kills the stage's other tasks when one fails: the worker goes with its task.
        worker.destroyForcibly();
        worker.waitFor(30, TimeUnit.SECONDS);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("worker " + task + " stopped: its Spark task was killed", e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker " + task, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** This class's jar or folder (the application's, fetched by the executor) and the executor's own classpath. */
  private static String classPath() {
    try {
      String own = Path.of(TrainTask.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      return own + File.pathSeparator + System.getProperty("java.class.path");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String host(String address) {
    int colon = address.lastIndexOf(':');
    return colon > 0 ? address.substring(0, colon) : address;
  }

  /** A port free on {@code host} now; the worker's server takes it a moment later. */
  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no console at " + log + ")";
    }
  }
}
