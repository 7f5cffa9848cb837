package io.tsllm.core.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The framework's training step (the batch filled from the data, its tensors made, the step run and its loss read)
 * against a bare {@code session.run} of the same graph with tensors made once, at two sizes: GPT4TS's ETTh1 size
 * (batch 32, 7 channels, input 336, patch 16 stride 8, GPT-2 width 768, 12 heads, 6 layers, layer norms and
 * positions trainable) and the quickstart's (the same data and patches, width 64, 4 heads, 2 layers, everything
 * trainable), where per-step costs outside the graph would show most; PatchTST/42's ETTh1 size (its own encoder,
 * and the gpt2 backbone at its width standing in), batch 128; and GPT4TS's width with everything trainable (d=768,
 * 12 heads, 6 layers, batch 32) in fp32 and bf16. Prints median step times, the overhead and peak RSS.
 * Run: {@code mvn -Dbenchmarks -pl framework/core test -Dtest=TrainingOverheadBenchmark}.
 */
@Tag("benchmark")
class TrainingOverheadBenchmark {

  static final int WARMUP = 2;

  @TempDir Path temp;

  @Test
  void atGpt4tsSize() throws Exception {
    compare("GPT4TS ETTh1 size", 6, e -> {
      ((ObjectNode) e.get("data")).put("input_length", 336).put("horizon", 96);
      ((ObjectNode) e.get("backbone")).put("n_embd", 768).put("n_head", 12).put("n_layer", 12).put("layers", 6)
          .put("n_positions", 1024).put("trainable", "gpt4ts");
      ((ObjectNode) e.get("training")).put("batch_size", 32);
    });
  }

  @Test
  void atAllTrainableGpt4tsWidth() throws Exception {
    for (String precision : new String[] {"fp32", "bf16"}) {
      compare("GPT4TS width, everything trainable, " + precision, 4, e -> {
        ((ObjectNode) e.get("data")).put("input_length", 336).put("horizon", 96);
        ((ObjectNode) e.get("backbone")).put("n_embd", 768).put("n_head", 12).put("n_layer", 6)
            .put("n_positions", 64);
        ((ObjectNode) e.get("training")).put("batch_size", 32).put("precision", precision);
      });
    }
  }

  @Test
  void atPatchTstSize() throws Exception {
    // PatchTST/42 on ETTh1 as configs/reproduce/patchtst-etth1.json has it: its own encoder, batch 128.
    compare("PatchTST/42 ETTh1 size", 20, e -> {
      ((ObjectNode) e.get("data")).put("input_length", 336).put("horizon", 96);
      ((ObjectNode) e.get("embedder")).put("padding", "replicate").put("instance_norm", true);
      ObjectNode backbone = e.putObject("backbone");
      backbone.put("type", "patchtst").put("d_model", 16).put("n_heads", 4).put("e_layers", 3).put("d_ff", 128)
          .put("dropout", 0.3).put("attn_dropout", 0.0).put("norm", "batch").put("residual_attention", true)
          .put("activation", "gelu");
      ((ObjectNode) e.get("training")).put("batch_size", 128);
    });
    // The gpt2 backbone standing in for PatchTST's encoder at its size.
    compare("PatchTST/42 ETTh1 size, gpt2 stand-in", 20, e -> {
      ((ObjectNode) e.get("data")).put("input_length", 336).put("horizon", 96);
      ((ObjectNode) e.get("backbone")).put("n_embd", 16).put("n_head", 4).put("n_layer", 3).put("n_positions", 64);
      ((ObjectNode) e.get("training")).put("batch_size", 128);
    });
  }

  @Test
  void atQuickstartSize() throws Exception {
    compare("quickstart size", 40, e -> {
      ((ObjectNode) e.get("data")).put("input_length", 336).put("horizon", 96);
      ((ObjectNode) e.get("backbone")).put("n_positions", 64);
      ((ObjectNode) e.get("training")).put("batch_size", 32);
    });
  }

  private void compare(String size, int steps, java.util.function.Consumer<ObjectNode> edit) throws Exception {
    Path experiment = Experiments.write(temp, edit);
    try (PreparedExperiment prepared =
        Injectors.create(PluginLocations.none()).getInstance(ExperimentPreparer.class).prepare(experiment)) {
      var model = prepared.model();
      var config = prepared.config().training();
      TrainingGraph training = TrainingGraph.build(model, config);
      try (Session session = new Session(model.graph(), Trainer.sessionConfig(config))) {
        session.initialize();
        int windows = config.batchSize();
        WindowBatch batch = new WindowBatch(model.shape(), windows);
        int[] order = new int[prepared.dataset().train().size()];
        Arrays.setAll(order, i -> i);
        // The three ways alternate step by step, so that drift in the machine's speed hits them alike.
        double[] framework = new double[steps];
        double[] fills = new double[steps];
        double[] bare = new double[steps];
        double[] sameFeeds = new double[steps];
        batch.fill(prepared.dataset().train(), order, 0, windows);
        try (TFloat32 x = batch.inputTensor();
            TFloat32 y = batch.targetTensor();
            TBool on = TBool.scalarOf(true);
            TInt64 seed = TInt64.vectorOf(1, 1);
            TFloat32 lr = TFloat32.scalarOf(1e-4f)) {
          for (int i = -WARMUP; i < steps; i++) {
            long start = System.nanoTime();
            batch.fillCycling(prepared.dataset().train(), order, i + WARMUP, windows);
            long filled = System.nanoTime();
            Trainer.runStep(session, model, training, batch, 1, i + WARMUP + 1, 1e-4);
            long ran = System.nanoTime();
            session.runner().feed(model.series(), x).feed(model.target(), y).feed(model.inputs().training(), on)
                .feed(model.inputs().stepSeed(), seed).feed(training.learningRate(), lr).addTarget(training.step())
                .run();
            long bareRan = System.nanoTime();
            // The framework's own feeds and fetch on pre-made tensors: what remains of its step is making them.
            try (var result = session.runner().feed(model.series(), x).feed(model.target(), y)
                .feed(model.inputs().training(), on).feed(model.inputs().protocolMasks(), on)
                .feed(model.inputs().stepSeed(), seed).feed(training.learningRate(), lr).fetch(model.loss())
                .addTarget(training.step()).run()) {
              long fed = System.nanoTime();
              if (i >= 0) {
                fills[i] = (filled - start) / 1e9;
                framework[i] = (ran - start) / 1e9;
                bare[i] = (bareRan - ran) / 1e9;
                sameFeeds[i] = (fed - bareRan) / 1e9;
              }
            }
          }
        }
        double f = StepBenchmark.median(framework);
        double b = StepBenchmark.median(bare);
        double fill = StepBenchmark.median(fills);
        double feeds = StepBenchmark.median(sameFeeds);
        System.out.printf(java.util.Locale.ROOT, "training overhead benchmark (%s, %s, %d threads): framework step"
                + " %.4f s, bare session.run %.4f s, overhead %.1f%%; of the framework's step: batch fill %.2f ms,"
                + " session.run with its feeds and loss fetch on pre-made tensors %.4f s, the rest (per-step tensors)"
                + " %.2f ms; peak RSS %s%n", size, CpuFeatures.detect().model(), Trainer.threads(config), f, b,
            100 * (f - b) / b, 1e3 * fill, feeds, 1e3 * (f - fill - feeds),
            String.format("%.2f GB", StepBenchmark.peakRss() / 1e9));
      }
    }
  }
}
