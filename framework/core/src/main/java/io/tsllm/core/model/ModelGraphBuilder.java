package io.tsllm.core.model;

import io.tsllm.core.config.ConfigException;
import io.tsllm.core.config.ConfigProblem;
import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.config.PluginSection;
import io.tsllm.core.config.SectionProblems;
import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.Backbone;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.Head;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.HeadOutput;
import io.tsllm.spi.HostInput;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.PreparedInput;
import io.tsllm.spi.WindowShape;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Assembles embedder, backbone and head into one graph. Checks that the three fit the data and each other before
 * anything is trained, and reports misfits as config problems with their JSON paths.
 */
public final class ModelGraphBuilder {

  /**
   * Builds into {@code graph}, which the caller owns and closes.
   *
   * @param scaler the dataset's scaler, built into the graph so exported models take and give original units
   */
  public ModelGraph build(Graph graph, ExperimentConfig config, WindowShape shape, Optional<ChannelScaler> scaler) {
    List<ConfigProblem> problems = new ArrayList<>();
    PluginSection embedderSection = config.embedder();
    PluginSection backboneSection = config.backbone();
    PluginSection headSection = config.head();
    Embedder<PluginConfig> embedder = plugin(embedderSection);
    Backbone<PluginConfig> backbone = plugin(backboneSection);
    Head<PluginConfig> head = plugin(headSection);

    int width = PluginFaults.call(backboneSection, "width", () -> backbone.width(backboneSection.config()));
    PluginFaults.run(embedderSection, "checkCompatible",
        () -> embedder.checkCompatible(embedderSection.config(), shape, width, collect("embedder", problems)));
    PluginFaults.run(headSection, "checkCompatible",
        () -> head.checkCompatible(headSection.config(), shape, collect("head", problems)));
    fail(config, problems);

    Ops tf = Ops.create(graph);
    GraphInputs inputs = GraphInputs.create(tf);
    Operand<TFloat32> rawSeries = tf.withName("raw_series")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, shape.inputLength(), shape.channels())));
    // Variables, not constants: the scaler then travels in every checkpoint and in the SavedModel's variables.
    Operand<TFloat32> mean = tf.withInitScope().withName("scaler_mean")
        .variable(tf.constant(floats(scaler.map(ChannelScaler::mean), shape.channels(), 0)));
    Operand<TFloat32> scale = tf.withInitScope().withName("scaler_scale")
        .variable(tf.constant(floats(scaler.map(ChannelScaler::scale), shape.channels(), 1)));
    Operand<TFloat32> series = tf.withName("series").math.div(tf.math.sub(rawSeries, mean), scale);
    Operand<TFloat32> target = tf.withName("target")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, shape.targetLength(), shape.targetChannels())));
    ParameterRegistry parameters = new ParameterRegistry();
    ModelGraphContext root = ModelGraphContext.root(
        tf, shape, inputs, parameters, config.seed(), config.baseFolder()).withInput(series);

    HeadContract contract = PluginFaults.call(headSection, "contract",
        () -> head.contract(headSection.config(), shape));
    ModelGraphContext headContext = root.forSection("head");
    PreparedInput prepared = PluginFaults.call(headSection, "prepareInput",
        () -> head.prepareInput(headContext, headSection.config(), series));
    List<HostInput> hostInputs = PluginFaults.call(embedderSection, "hostInputs",
        () -> embedder.hostInputs(embedderSection.config(), shape, path -> config.baseFolder().resolve(path)));
    root.crossPlugin().declareHostInputs(tf, hostInputs);
    ModelGraphContext backboneContext = root.forSection("backbone");
    root.crossPlugin().wordEmbeddingsFrom(backboneSection.type(), () -> PluginFaults.call(backboneSection,
        "wordEmbeddings", () -> backbone.wordEmbeddings(backboneContext, backboneSection.config())));
    ModelGraphContext embedderContext = prepared.observed().map(root::withObserved).orElse(root)
        .forSection("embedder");
    FeatureTokens tokens = PluginFaults.call(embedderSection, "embed",
        () -> embedder.embed(embedderContext, embedderSection.config(), prepared.series(), width));
    checkTokens(embedderSection, tokens, width);
    PluginFaults.run(backboneSection, "checkCompatible",
        () -> backbone.checkCompatible(backboneSection.config(), tokens.count(), collect("backbone", problems)));
    PluginFaults.run(headSection, "checkTokens",
        () -> head.checkTokens(headSection.config(), tokens, collect("head", problems)));
    fail(config, problems);
    Operand<TFloat32> hidden = PluginFaults.call(backboneSection, "encode",
        () -> backbone.encode(backboneContext, backboneSection.config(), tokens.tokens()));
    if (!java.util.Arrays.equals(hidden.shape().asArray(), tokens.tokens().shape().asArray())) {
      throw PluginFaults.fault(backboneSection, "encode must return hidden states shaped as its tokens, "
          + tokens.tokens().shape() + ", got " + hidden.shape());
    }
    ModelGraphContext buildContext = prepared.observed().map(headContext::withObserved).orElse(headContext);
    HeadOutput output = PluginFaults.call(headSection, "build",
        () -> head.build(buildContext, headSection.config(), tokens, hidden, target));
    new HeadOutputCheck(headSection, contract, shape).check(output);
    Operand<TFloat32> prediction = tf.withName("prediction").identity(output.prediction());
    Operand<TFloat32> loss = tf.withName("loss").identity(output.loss());
    Optional<ChannelSpan> span = contract.prediction().channels();
    Operand<TFloat32> predictionOriginal;
    if (span.isEmpty()) {
      predictionOriginal = tf.withName("prediction_original").identity(prediction);
    } else {
      Operand<TInt32> first = tf.constant(new int[] {span.get().first()});
      Operand<TInt32> count = tf.constant(new int[] {span.get().count()});
      predictionOriginal = tf.withName("prediction_original").math.add(
          tf.math.mul(prediction, tf.slice(scale, first, count)), tf.slice(mean, first, count));
    }
    Map<String, Operand<TFloat32>> outputs = new TreeMap<>();
    Map<String, Integer> outputSizes = new TreeMap<>();
    output.outputs().forEach((name, value) -> {
      outputs.put(name, tf.withName("output_" + name).identity(value));
      outputSizes.put(name, sampleSize(value));
    });
    Op merge = root.adapterMerges().build(tf).orElse(null);
    Set<ParameterRole> trainable = EnumSet.of(ParameterRole.EMBEDDER, ParameterRole.HEAD);
    trainable.addAll(backbone.trainableRoles(backboneSection.config()));
    return new ModelGraph(graph, shape, rawSeries, series, target, inputs, prediction, predictionOriginal, loss,
        parameters, tokens.count(), Math.max(1, shape.channels() / tokens.channelsPerSequence()), trainable, merge, sampleSize(prediction), contract, outputs, outputSizes,
        root.trainingUpdates(), root.crossPlugin().hostFeeds());
  }

  /** An embedder's tokens are {@code [sequences, count, width]} with the count and width it declares. */
  private static void checkTokens(PluginSection section, FeatureTokens tokens, int width) {
    Shape shape = tokens.tokens().shape();
    if (shape.numDimensions() != 3 || shape.get(1) != tokens.count() || shape.get(2) != width
        || tokens.width() != width) {
      throw PluginFaults.fault(section, "embed must return tokens [sequences, " + tokens.count() + ", " + width
          + "] (its declared count and the backbone's width), got " + shape + " of width " + tokens.width());
    }
  }

  /** Values per sample of a batch-major output with a static shape after the batch axis. */
  private static int sampleSize(Operand<TFloat32> output) {
    var dims = output.shape();
    long size = 1;
    for (int i = 1; i < dims.numDimensions(); i++) {
      if (dims.get(i) < 0) {
        throw new IllegalStateException("the head's outputs need a static shape after the batch axis, got " + dims);
      }
      size *= dims.get(i);
    }
    return Math.toIntExact(size);
  }

  /** Per-channel statistics as float32, or {@code fill} everywhere when the data is unscaled. */
  private static float[] floats(Optional<double[]> values, int channels, float fill) {
    float[] out = new float[channels];
    java.util.Arrays.fill(out, fill);
    values.ifPresent(v -> {
      for (int c = 0; c < channels; c++) {
        out[c] = (float) v[c];
      }
    });
    return out;
  }

  private static ConfigProblems collect(String section, List<ConfigProblem> problems) {
    return new SectionProblems(section, problems);
  }

  private static void fail(ExperimentConfig config, List<ConfigProblem> problems) {
    if (!problems.isEmpty()) {
      throw new ConfigException(config.file(), problems);
    }
  }

  @SuppressWarnings("unchecked")
  private static <P> P plugin(PluginSection section) {
    return (P) section.plugin().plugin();
  }
}
