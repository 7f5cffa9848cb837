package io.tsllm.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;

/**
 * A Spark standalone cluster on 127.0.0.1 from the Maven jars: a folder standing in for SPARK_HOME (the test's jars
 * linked into {@code jars/}, an empty {@code RELEASE}), a master and workers of one core each, each in its own JVM
 * and bound to the loopback address only. Closing it kills every process it started and their executors.
 */
final class LocalCluster implements AutoCloseable {

  private static final String OPENS = System.getProperty("tsllm.spark.opens", "");

  private final Process master;
  private final List<Process> workers;
  private final String masterUrl;

  private LocalCluster(Process master, List<Process> workers, String masterUrl) {
    this.master = master;
    this.workers = workers;
    this.masterUrl = masterUrl;
  }

  static LocalCluster start(Path folder, int workerCount) throws Exception {
    Path home = Files.createDirectories(folder.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.createFile(home.resolve("RELEASE"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(jar) && !Files.exists(jars.resolve(jar.getFileName()))) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
      }
    }
    int port = SparkSuiteTest.freePort();
    String url = "spark://127.0.0.1:" + port;
    Process master = launch(home, folder.resolve("master.log"), "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port",
        String.valueOf(SparkSuiteTest.freePort()));
    List<Process> workers = new ArrayList<>();
    LocalCluster cluster = new LocalCluster(master, workers, url);
    try {
      awaitLine(folder.resolve("master.log"), "I have been elected leader", master);
      for (int i = 0; i < workerCount; i++) {
        Path work = Files.createDirectories(folder.resolve("work-" + i));
        Path log = folder.resolve("worker-" + i + ".log");
        workers.add(launch(home, log, "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1",
            "--webui-port", String.valueOf(SparkSuiteTest.freePort()), "--cores", "1", "--memory", "2g",
            "--work-dir", work.toString()));
        awaitLine(log, "Successfully registered with master", workers.get(i));
      }
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  String masterUrl() {
    return masterUrl;
  }

  /**
   * A driver's configuration for this cluster: bound to 127.0.0.1, this build's classes (the class path's folders)
   * on the executors' class path (the jars are the workers' SPARK_HOME/jars), Java 17's opens for the executors.
   */
  SparkConf driverConf(String appName) {
    List<String> directories = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (Files.isDirectory(Path.of(entry))) {
        directories.add(entry);
      }
    }
    return new SparkConf().setMaster(masterUrl).setAppName(appName)
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false")
        .set("spark.executor.extraClassPath", String.join(File.pathSeparator, directories))
        .set("spark.executor.extraJavaOptions", OPENS)
        .set("spark.executor.memory", "1g")
        .set("spark.executorEnv.TF_CPP_MIN_LOG_LEVEL", "2");
  }

  /** The worker whose executor (a child process of the worker) has this pid. */
  Optional<ProcessHandle> workerRunning(long executorPid) {
    for (Process worker : workers) {
      if (worker.toHandle().descendants().anyMatch(p -> p.pid() == executorPid)) {
        return Optional.of(worker.toHandle());
      }
    }
    return Optional.empty();
  }

  /** SIGKILL to a worker and its executors, as when a machine is lost. */
  void kill(ProcessHandle worker) {
    worker.descendants().forEach(ProcessHandle::destroyForcibly);
    worker.destroyForcibly();
  }

  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process worker : workers) {
      worker.toHandle().descendants().forEach(all::add);
      all.add(worker.toHandle());
    }
    master.toHandle().descendants().forEach(all::add);
    all.add(master.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : all) {
      try {
        process.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // it was killed; nothing more can be done
      }
    }
  }

  private static Process launch(Path home, Path log, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    for (String open : OPENS.trim().split("\\s+")) {
      if (!open.isEmpty()) {
        command.add(open);
      }
    }
    command.add("-cp");
    command.add(home.resolve("jars") + File.separator + "*");
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_HOSTNAME", "localhost");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("TF_CPP_MIN_LOG_LEVEL", "2");
    return builder.start();
  }

  private static void awaitLine(Path log, String text, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(process.info().command().orElse("?") + " ended: " + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no \"" + text + "\" in " + log + " within 90 s: " + Files.readString(log));
  }
}
