package io.tsllm.core.cli;

import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.distributed.ClusterSpec;
import io.tsllm.core.distributed.SetupFingerprint;
import io.tsllm.core.distributed.WorkerServer;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import io.tsllm.core.train.CpuFeatures;
import io.tsllm.core.train.ReplicaStepBenchmark;
import io.tsllm.core.train.Replicas;
import io.tsllm.core.train.StepBenchmark;
import io.tsllm.core.train.StepProfile;
import io.tsllm.core.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {"Time an experiment as configured, without a run folder: warm-up, then N training steps and N"
        + " forward passes; print the median step, windows per second, the estimated epoch and run time, the"
        + " achieved GFLOP/s and the peak memory."})
final class BenchCommand implements Callable<Integer> {

  @Parameters(paramLabel = "EXPERIMENT", description = "The experiment JSON file.")
  Path experiment;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "10",
      description = "Timed training steps and forward passes (default: ${DEFAULT-VALUE}), after 2 of each to warm up.")
  int steps;

  @Option(names = "--profile", paramLabel = "TOP", defaultValue = "0",
      description = "Then trace N more steps with TensorFlow's step statistics and print the TOP operation types by"
          + " time, how many ran and how much of the step no operation ran (default: ${DEFAULT-VALUE}, no profile).")
  int profile;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Change a field of the experiment file, e.g. --set training.precision=bf16 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Time a distributed training step instead, as one worker of this cluster (start the same command"
          + " on every worker, each with its --task): the step with its gradient all-reduce, and the all-reduce"
          + " alone.")
  String cluster;

  @Option(names = "--task", paramLabel = "N", description = "This worker's index in --cluster.")
  Integer task;

  @Mixin PluginOptions pluginOptions;

  @Spec CommandSpec spec;

  private final Main main;

  BenchCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    if (steps < 1) {
      throw new io.tsllm.core.UserInputException("--steps: " + steps + " (expected an integer >= 1)");
    }
    if (profile < 0) {
      throw new io.tsllm.core.UserInputException("--profile: " + profile + " (expected an integer >= 0)");
    }
    var injector = Injectors.create(pluginOptions.locations(main.environment()));
    try (PreparedExperiment prepared =
        injector.getInstance(ExperimentPreparer.class).prepare(experiment, new ConfigOverrides(overrides))) {
      var config = prepared.config().training();
      if (cluster != null) {
        replicated(prepared, ClusterSpec.of(cluster, task));
        return 0;
      }
      StepBenchmark.Result r = new StepBenchmark().measure(prepared.model(), prepared.dataset(), config,
          prepared.config().seed(), steps);
      CpuFeatures cpu = CpuFeatures.detect();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "cpu: %s, %d threads, precision %s, bfloat16 flags %s%n", cpu.model(),
          Trainer.threads(config), config.precision().label(), cpu.bf16Flags().isEmpty() ? "none" : cpu.bf16Flags());
      out.printf(Locale.ROOT, "training step: %.4f s (median of %d, batch %d)%n", r.trainingStep(), r.steps(),
          r.batchSize());
      out.printf(Locale.ROOT, "forward pass: %.4f s (median of %d, batch %d)%n", r.forwardPass(), r.steps(),
          r.evalBatchSize());
      out.printf(Locale.ROOT, "windows per second: %.1f training, %.1f forward%n", r.batchSize() / r.trainingStep(),
          r.evalBatchSize() / r.forwardPass());
      out.printf(Locale.ROOT, "epoch: %d steps, about %.1f s with its validation pass%n", r.stepsPerEpoch(),
          r.epochSeconds());
      out.printf(Locale.ROOT, "run: %d epochs and the test pass, about %.1f min (early stopping may end sooner)%n",
          config.epochs(), r.runSeconds() / 60);
      out.printf(Locale.ROOT, "compute: about %.2f GFLOP/s in a training step%n", r.gflops());
      out.printf(Locale.ROOT, "peak RSS: %s%n", r.peakRssBytes() < 0 ? "unknown"
          : String.format(Locale.ROOT, "%.2f GB", r.peakRssBytes() / 1e9));
      if (profile > 0) {
        print(out, new StepProfile().measure(prepared.model(), prepared.dataset(), config, prepared.config().seed(),
            steps));
      }
      out.flush();
    }
    return 0;
  }

  private void replicated(PreparedExperiment prepared, ClusterSpec workers) {
    var config = prepared.config().training();
    Replicas replicas = new Replicas(new WorkerServer(workers), SetupFingerprint.builder()
        .add("experiments", experiment.toAbsolutePath() + " " + overrides).build());
    ReplicaStepBenchmark.Result r = new ReplicaStepBenchmark().measure(prepared.model(), prepared.dataset(), config,
        prepared.config().seed(), steps, replicas);
    CpuFeatures cpu = CpuFeatures.detect();
    PrintWriter out = spec.commandLine().getOut();
    int threads = Trainer.threads(config);
    out.printf(Locale.ROOT, "cpu: %s, %d thread%s, precision %s; worker %d of %d%n", cpu.model(), threads,
        threads == 1 ? "" : "s", config.precision().label(), workers.task(), r.workers());
    out.printf(Locale.ROOT, "training step: %.4f s (median of %d, global batch %d, this worker's share %d)%n",
        r.trainingStep(), r.steps(), r.batchSize(), r.shardSize());
    out.printf(Locale.ROOT, "gradient all-reduce alone: %.4f s (median of %d; %.2f MB of float32 gradients,"
        + " %.2f MB sent by each worker in a ring)%n", r.exchange(), r.steps(), r.gradientBytes() / 1e6,
        r.ringBytesPerWorker() / 1e6);
    out.printf(Locale.ROOT, "the same floats as %d all-reduces, one per trainable tensor: %.4f s (median of %d)%n",
        r.tensors(), r.unpacked(), r.steps());
    out.flush();
  }

  private void print(PrintWriter out, StepProfile.Result p) {
    out.printf(Locale.ROOT, "profile: traced step %.4f s (median of %d); the executor's span %.4f s, of which some"
            + " operation ran %.4f s and none ran %.4f s; %.0f operations, %.4f s summed%n", p.stepSeconds(),
        p.steps(), p.executorSeconds(), p.busySeconds(), p.executorSeconds() - p.busySeconds(), p.nodes(),
        p.opSeconds());
    out.printf(Locale.ROOT, "%-36s %8s %10s %7s%n", "operation type", "count", "ms/step", "share");
    for (StepProfile.OpTime op : p.byType().subList(0, Math.min(profile, p.byType().size()))) {
      out.printf(Locale.ROOT, "%-36s %8.0f %10.2f %6.1f%%%n", op.type(), op.count(), 1e3 * op.seconds(),
          100 * op.seconds() / p.opSeconds());
    }
    out.printf(Locale.ROOT, "%-80s %10s %7s%n", "operation", "ms/step", "share");
    for (StepProfile.OpTime op : p.byNode().subList(0, Math.min(profile, p.byNode().size()))) {
      out.printf(Locale.ROOT, "%-80s %10.2f %6.1f%%%n", op.type(), 1e3 * op.seconds(),
          100 * op.seconds() / p.opSeconds());
    }
  }
}
