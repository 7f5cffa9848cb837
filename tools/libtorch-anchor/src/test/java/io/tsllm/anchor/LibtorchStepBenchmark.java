package io.tsllm.anchor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import io.tsllm.core.train.CpuFeatures;
import io.tsllm.core.train.StepBenchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The anchor a user would otherwise pick: the quickstart's model (ETTh1 windows of 336 steps, 7 channels, batch 32;
 * instance normalization, patches of 16 with stride 8 and replicate padding, a linear patch embedding, GPT-2 with
 * d=64, 4 heads, 2 layers, dropout 0.1 at GPT-2's sites, a flatten head to 96 steps, MSE, Adam, everything
 * trainable) written for libtorch 2.7.1 through DJL's PyTorch engine in eager mode, as HuggingFace's modules
 * compute it (layer norm, softmax and dropout as libtorch's own kernels, gelu_new as its formula). Its training
 * step is timed beside the framework's {@code bench} step of {@code configs/quickstart.json}, in one JVM, the two
 * alternating. Run: {@code mvn -Dbenchmarks -pl tools/libtorch-anchor -am test -Dtest=LibtorchStepBenchmark}.
 */
@Tag("benchmark")
class LibtorchStepBenchmark {

  static final Path QUICKSTART = Path.of("../../configs/quickstart.json").toAbsolutePath().normalize();
  static final int BATCH = 32;
  static final int CHANNELS = 7;
  static final int INPUT = 336;
  static final int HORIZON = 96;
  static final int PATCH = 16;
  static final int STRIDE = 8;
  static final int TOKENS = (INPUT + STRIDE - PATCH) / STRIDE + 1;
  static final int WIDTH = 64;
  static final int HEADS = 4;
  static final int LAYERS = 2;
  static final float DROPOUT = 0.1f;
  static final int ROUNDS = 3;
  static final int STEPS = 20;

  @Test
  void quickstartStepBesideTheFrameworks() throws Exception {
    List<Double> framework = new ArrayList<>();
    List<Double> libtorch = new ArrayList<>();
    try (PreparedExperiment prepared = Injectors.create(PluginLocations.none())
            .getInstance(ExperimentPreparer.class).prepare(QUICKSTART, new ConfigOverrides(List.of()));
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      QuickstartModel model = new QuickstartModel(manager);
      for (int round = 0; round < ROUNDS; round++) {
        framework.add(new StepBenchmark().measure(prepared.model(), prepared.dataset(),
            prepared.config().training(), prepared.config().seed(), STEPS).trainingStep());
        libtorch.add(model.medianStep(STEPS));
      }
    }
    double f = median(framework);
    double t = median(libtorch);
    System.out.printf(Locale.ROOT, "libtorch anchor (%s, %d cores; PyTorch %s through DJL %s, %d intra-op"
            + " threads): quickstart-size training step, median of %d rounds of %d steps each: framework %.4f s %s,"
            + " libtorch eager %.4f s %s; libtorch / framework %.2fx%n", CpuFeatures.detect().model(),
        Runtime.getRuntime().availableProcessors(), Engine.getEngine("PyTorch").getVersion(), Engine.getDjlVersion(),
        JniUtils.getNumThreads(), ROUNDS, STEPS, f, rounded(framework), t, rounded(libtorch), t / f);
  }

  private static List<String> rounded(List<Double> seconds) {
    return seconds.stream().map(s -> String.format(Locale.ROOT, "%.4f", s)).toList();
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  /** The quickstart's model, its parameters and Adam's moments in libtorch tensors. */
  static final class QuickstartModel {

    private final NDManager manager;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
    private final NDArray patchIndex;
    private final NDArray causal;
    private long step;

    QuickstartModel(NDManager manager) {
      this.manager = manager;
      manager.getEngine().setRandomSeed(2024);
      add("in_layer.weight", PATCH, WIDTH);
      add("in_layer.bias", WIDTH);
      add("wpe", TOKENS, WIDTH);
      for (int i = 0; i < LAYERS; i++) {
        String p = "h." + i + ".";
        addLayerNorm(p + "ln_1");
        add(p + "attn.c_attn.weight", WIDTH, 3 * WIDTH);
        add(p + "attn.c_attn.bias", 3 * WIDTH);
        add(p + "attn.c_proj.weight", WIDTH, WIDTH);
        add(p + "attn.c_proj.bias", WIDTH);
        addLayerNorm(p + "ln_2");
        add(p + "mlp.c_fc.weight", WIDTH, 4 * WIDTH);
        add(p + "mlp.c_fc.bias", 4 * WIDTH);
        add(p + "mlp.c_proj.weight", 4 * WIDTH, WIDTH);
        add(p + "mlp.c_proj.bias", WIDTH);
      }
      addLayerNorm("ln_f");
      add("out_layer.weight", TOKENS * WIDTH, HORIZON);
      add("out_layer.bias", HORIZON);
      int[] index = new int[TOKENS * PATCH];
      for (int t = 0; t < TOKENS; t++) {
        for (int j = 0; j < PATCH; j++) {
          index[t * PATCH + j] = t * STRIDE + j;
        }
      }
      patchIndex = manager.create(index).toType(DataType.INT64, false);
      float[] mask = new float[TOKENS * TOKENS];
      for (int i = 0; i < TOKENS; i++) {
        for (int j = i + 1; j < TOKENS; j++) {
          mask[i * TOKENS + j] = -1e4f;
        }
      }
      causal = manager.create(mask, new Shape(TOKENS, TOKENS));
    }

    private void add(String name, long... dims) {
      NDArray value = manager.randomNormal(0, 0.02f, new Shape(dims), DataType.FLOAT32);
      value.setRequiresGradient(true);
      parameters.put(name, value);
      moments.put(name, new NDArray[] {manager.zeros(new Shape(dims)), manager.zeros(new Shape(dims))});
    }

    private void addLayerNorm(String name) {
      NDArray gain = manager.ones(new Shape(WIDTH));
      gain.setRequiresGradient(true);
      parameters.put(name + ".weight", gain);
      moments.put(name + ".weight", new NDArray[] {manager.zeros(new Shape(WIDTH)), manager.zeros(new Shape(WIDTH))});
      NDArray bias = manager.zeros(new Shape(WIDTH));
      bias.setRequiresGradient(true);
      parameters.put(name + ".bias", bias);
      moments.put(name + ".bias", new NDArray[] {manager.zeros(new Shape(WIDTH)), manager.zeros(new Shape(WIDTH))});
    }

    double medianStep(int steps) {
      double[] times = new double[steps];
      for (int i = -2; i < steps; i++) {
        long started = System.nanoTime();
        step();
        if (i >= 0) {
          times[i] = (System.nanoTime() - started) / 1e9;
        }
      }
      Arrays.sort(times);
      return (times[steps / 2 - 1] + times[steps / 2]) / 2;
    }

    /** One training step on a batch of random windows (their values do not change the work). */
    void step() {
      try (NDManager scope = manager.newSubManager()) {
        NDArray x = scope.randomNormal(new Shape(BATCH, INPUT, CHANNELS));
        NDArray y = scope.randomNormal(new Shape(BATCH, HORIZON, CHANNELS));
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray loss = forward(x).sub(y).square().mean();
          collector.backward(loss);
        }
        adam(scope);
      }
    }

    private NDArray forward(NDArray x) {
      NDArray mean = x.mean(new int[] {1}, true);
      NDArray std = x.sub(mean).square().mean(new int[] {1}, true).add(1e-5f).sqrt();
      NDArray series = x.sub(mean).div(std).transpose(0, 2, 1).reshape(BATCH * CHANNELS, INPUT);
      NDArray padded = series.concat(series.get(":, -1:").repeat(1, STRIDE), 1);
      NDArray patches = padded.get(new NDIndex(":, {}", patchIndex)).reshape(BATCH * CHANNELS, TOKENS, PATCH);
      NDArray hidden = patches.matMul(p("in_layer.weight")).add(p("in_layer.bias")).add(p("wpe"));
      hidden = dropout(hidden);
      for (int i = 0; i < LAYERS; i++) {
        String prefix = "h." + i + ".";
        hidden = hidden.add(dropout(attention(prefix, layerNorm(prefix + "ln_1", hidden))));
        NDArray inner = geluNew(layerNorm(prefix + "ln_2", hidden).matMul(p(prefix + "mlp.c_fc.weight"))
            .add(p(prefix + "mlp.c_fc.bias")));
        hidden = hidden.add(dropout(inner.matMul(p(prefix + "mlp.c_proj.weight")).add(p(prefix + "mlp.c_proj.bias"))));
      }
      hidden = layerNorm("ln_f", hidden);
      NDArray out = hidden.reshape(BATCH * CHANNELS, TOKENS * WIDTH).matMul(p("out_layer.weight"))
          .add(p("out_layer.bias")).reshape(BATCH, CHANNELS, HORIZON).transpose(0, 2, 1);
      return out.mul(std).add(mean);
    }

    private NDArray attention(String prefix, NDArray x) {
      NDArray qkv = x.matMul(p(prefix + "attn.c_attn.weight")).add(p(prefix + "attn.c_attn.bias"));
      NDList split = qkv.split(3, 2);
      NDArray q = heads(split.get(0));
      NDArray k = heads(split.get(1));
      NDArray v = heads(split.get(2));
      NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(WIDTH / HEADS)).add(causal);
      NDArray probs = dropout(scores.softmax(-1));
      NDArray merged = probs.matMul(v).transpose(0, 2, 1, 3).reshape(BATCH * CHANNELS, TOKENS, WIDTH);
      return merged.matMul(p(prefix + "attn.c_proj.weight")).add(p(prefix + "attn.c_proj.bias"));
    }

    private static NDArray heads(NDArray x) {
      return x.reshape(BATCH * CHANNELS, TOKENS, HEADS, WIDTH / HEADS).transpose(0, 2, 1, 3);
    }

    private NDArray layerNorm(String name, NDArray x) {
      return x.getNDArrayInternal().layerNorm(x, new Shape(WIDTH), p(name + ".weight"), p(name + ".bias"), 1e-5f)
          .singletonOrThrow();
    }

    private static NDArray dropout(NDArray x) {
      return x.getNDArrayInternal().dropout(x, DROPOUT, true).singletonOrThrow();
    }

    private static NDArray geluNew(NDArray x) {
      NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
      return x.mul(0.5f).mul(inner.tanh().add(1f));
    }

    private NDArray p(String name) {
      return parameters.get(name);
    }

    /** Adam (beta 0.9, 0.999, eps 1e-8, lr 1e-3), in place, as torch.optim.Adam. */
    private void adam(NDManager scope) {
      step++;
      double correction1 = 1 - Math.pow(0.9, step);
      double correction2 = 1 - Math.pow(0.999, step);
      for (var entry : parameters.entrySet()) {
        NDArray value = entry.getValue();
        NDArray gradient = value.getGradient();
        NDArray[] m = moments.get(entry.getKey());
        m[0].muli(0.9f).addi(gradient.mul(0.1f));
        m[1].muli(0.999f).addi(gradient.square().mul(0.001f));
        NDArray update = m[0].div((float) correction1)
            .div(m[1].div((float) correction2).sqrt().add(1e-8f)).mul(1e-3f);
        value.subi(update);
        gradient.subi(gradient);
      }
    }
  }
}
