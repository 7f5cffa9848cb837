package io.tsllm.embedders.timellm;

import io.tsllm.embedders.common.ChannelTokens;
import io.tsllm.embedders.common.InstanceNorm;
import io.tsllm.embedders.common.Patches;
import io.tsllm.spi.BatchedMatMul;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.HfHubCache;
import io.tsllm.spi.HostInput;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.TargetKind;
import io.tsllm.spi.WindowShape;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Time-LLM's front-end (Jin et al., ICLR 2024; {@code models/TimeLLM.py}, {@code layers/Embed.py}): instance
 * normalization and channel independence; patches (padded by one stride) embedded by a circular convolution over
 * neighbouring patches ({@code TokenEmbedding}: kernel 3, no bias); then <em>reprogrammed</em>: multi-head
 * cross-attention from the patches to a small set of text prototypes, a learned linear map of the backbone's frozen
 * word embeddings, projected to the backbone's width. With a prompt, Time-LLM's prompt-as-prefix: a text with the
 * dataset's description, the task and the window's statistics, tokenized by the language model's own tokenizer on
 * the host ({@link PromptIds}), embedded with the backbone's word embedding and put before the patch tokens.
 */
public final class TimeLlmEmbedder implements Embedder<TimeLlmConfig> {

  @Override
  public String name() {
    return "time-llm";
  }

  @Override
  public Class<TimeLlmConfig> configType() {
    return TimeLlmConfig.class;
  }

  @Override
  public String description() {
    return "Time-LLM reprogramming: patches cross-attend to text prototypes of the backbone's word embeddings, "
        + "with a tokenized prompt (description, task, window statistics) as prefix";
  }

  @Override
  public void checkCompatible(TimeLlmConfig config, WindowShape shape, int width, ConfigProblems problems) {
    problems.check(config.patchLength() <= shape.inputLength() + config.stride(), "patch_length",
        config.patchLength(), "at most the padded input length (" + (shape.inputLength() + config.stride()) + ")");
    if (config.prompt() != null) {
      problems.check(shape.targetKind() == TargetKind.FUTURE, "prompt", "(a forecasting prompt)",
          "no prompt unless the dataset's targets are future steps: Time-LLM's prompt describes a forecast");
    }
  }

  @Override
  public List<HostInput> hostInputs(TimeLlmConfig config, WindowShape shape, Function<String, Path> resolve) {
    PromptConfig prompt = config.prompt();
    if (prompt == null) {
      return List.of();
    }
    HfHubCache cache = HfHubCache.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    PromptTokenizer tokenizer = PromptTokenizer.open(prompt.tokenizer(), resolve.apply(prompt.tokenizer()), cache,
        prompt.length(), prompt.padToken());
    return List.of(new PromptIds(new TimeLlmPrompt(prompt.description(), shape.targetLength(), shape.inputLength()),
        tokenizer, shape.inputLength(), shape.channels(), prompt.topLags()));
  }

  @Override
  public FeatureTokens embed(GraphContext context, TimeLlmConfig config, Operand<TFloat32> series, int width) {
    Ops tf = context.tf();
    WindowShape shape = context.windowShape();
    int count = config.patchCount(shape.inputLength());
    InstanceNorm norm = InstanceNorm.of(context, series);
    Operand<TFloat32> patches =
        Patches.cut(tf, norm.normalized(), shape.inputLength(), config.patchLength(), config.stride(), count);
    Operand<TFloat32> embedded = context.dropout(patchEmbedding(context, config, patches, count),
        config.dropout().floatValue());
    // Frozen unless the backbone trains whole (its role decides), as Time-LLM freezes the language model.
    Operand<TFloat32> words = context.wordEmbeddings();
    Operand<TFloat32> tokens = reprogram(context, config, embedded, prototypes(context, config, words), count, width);
    int prefix = 0;
    if (config.prompt() != null) {
      Operand<TInt32> ids = context.hostInput(PromptIds.NAME);
      prefix = config.prompt().length();
      Operand<TFloat32> prompt = tf.gather(words, ids, tf.constant(0));
      tokens = tf.concat(List.of(prompt, tokens), tf.constant(1));
    }
    return new ChannelTokens(tokens, prefix + count, width, shape.channels(), norm.mean(), norm.std(), prefix);
  }

  /**
   * {@code TokenEmbedding}: a kernel-3 convolution over the patch axis with circular padding, no bias, patch values
   * as input channels: each token sees its patch and both neighbours (the first and last wrap around).
   */
  private static Operand<TFloat32> patchEmbedding(GraphContext context, TimeLlmConfig config,
      Operand<TFloat32> patches, int count) {
    Ops tf = context.tf();
    int[] previous = new int[count];
    int[] next = new int[count];
    for (int p = 0; p < count; p++) {
      previous[p] = (p + count - 1) % count;
      next[p] = (p + 1) % count;
    }
    Operand<TFloat32> neighbourhood = tf.concat(List.of(
        tf.gather(patches, tf.constant(previous), tf.constant(1)), patches,
        tf.gather(patches, tf.constant(next), tf.constant(1))), tf.constant(2));
    int fanIn = 3 * config.patchLength();
    // kaiming_normal_(mode='fan_in', nonlinearity='leaky_relu') with its default slope 0: std sqrt(2 / fan_in).
    var weight = context.parameter("patch_embedding.weight", ParameterRole.EMBEDDER,
        Shape.of(fanIn, config.dModel()), Initializers.normal((float) Math.sqrt(2.0 / fanIn)));
    Operand<TFloat32> flat = tf.reshape(neighbourhood, tf.constant(new int[] {-1, fanIn}));
    return tf.reshape(tf.linalg.matMul(flat, weight), tf.constant(new int[] {-1, count, config.dModel()}));
  }

  /** {@code mapping_layer}: prototypes {@code [prototypes, width]} = {@code W E + b} over the vocabulary. */
  private static Operand<TFloat32> prototypes(GraphContext context, TimeLlmConfig config, Operand<TFloat32> words) {
    Ops tf = context.tf();
    int vocabulary = (int) words.shape().get(0);
    var weight = linear(context, "mapping_layer", vocabulary, config.prototypes());
    var bias = context.parameter("mapping_layer.bias", ParameterRole.EMBEDDER, Shape.of(config.prototypes(), 1),
        Initializers.uniform((float) (1 / Math.sqrt(vocabulary))));
    return tf.math.add(tf.linalg.matMul(weight, words), bias);
  }

  /**
   * {@code ReprogrammingLayer}: queries from the patch embeddings, keys and values from the prototypes, scaled dot
   * product per head with dropout on the attention, then {@code out_projection} to the backbone's width.
   */
  private static Operand<TFloat32> reprogram(GraphContext context, TimeLlmConfig config, Operand<TFloat32> patches,
      Operand<TFloat32> prototypes, int count, int width) {
    Ops tf = context.tf();
    int heads = config.heads();
    int keys = config.dKeys();
    int inner = heads * keys;
    int prototypeCount = config.prototypes();
    Operand<TFloat32> queries = project(context, "query_projection", tf.reshape(patches,
        tf.constant(new int[] {-1, config.dModel()})), config.dModel(), inner);
    Operand<TFloat32> keysOut = project(context, "key_projection", prototypes, width, inner);
    Operand<TFloat32> values = project(context, "value_projection", prototypes, width, inner);
    // [rows, heads, keys] -> [heads, rows, keys]: one batched product per head.
    Operand<TFloat32> q = tf.linalg.transpose(tf.reshape(queries, tf.constant(new int[] {-1, heads, keys})),
        tf.constant(new int[] {1, 0, 2}));
    Operand<TFloat32> k = tf.linalg.transpose(
        tf.reshape(keysOut, tf.constant(new int[] {prototypeCount, heads, keys})), tf.constant(new int[] {1, 0, 2}));
    Operand<TFloat32> v = tf.linalg.transpose(
        tf.reshape(values, tf.constant(new int[] {prototypeCount, heads, keys})), tf.constant(new int[] {1, 0, 2}));
    Operand<TFloat32> scores = tf.math.mul(BatchedMatMul.timesTransposed(tf, q, k),
        tf.constant((float) (1 / Math.sqrt(keys))));
    Operand<TFloat32> attention = context.dropout(tf.nn.softmax(scores), config.attentionDropout().floatValue());
    Operand<TFloat32> mixed = BatchedMatMul.of(tf, attention, v);
    Operand<TFloat32> rows = tf.reshape(tf.linalg.transpose(mixed, tf.constant(new int[] {1, 0, 2})),
        tf.constant(new int[] {-1, inner}));
    Operand<TFloat32> out = project(context, "out_projection", rows, inner, width);
    return tf.reshape(out, tf.constant(new int[] {-1, count, width}));
  }

  /** {@code nn.Linear(in, out)} on rows {@code [n, in]}, PyTorch's initialization (uniform, 1/sqrt(in)). */
  private static Operand<TFloat32> project(GraphContext context, String name, Operand<TFloat32> rows, int in,
      int out) {
    Ops tf = context.tf();
    var weight = linear(context, name, in, out);
    var bias = context.parameter(name + ".bias", ParameterRole.EMBEDDER, Shape.of(out),
        Initializers.uniform((float) (1 / Math.sqrt(in))));
    return tf.math.add(tf.linalg.matMul(rows, weight, MatMul.transposeB(true)), bias);
  }

  /** An {@code nn.Linear} weight {@code [out, in]}. */
  private static Operand<TFloat32> linear(GraphContext context, String name, int in, int out) {
    return context.parameter(name + ".weight", ParameterRole.EMBEDDER, Shape.of(out, in),
        Initializers.uniform((float) (1 / Math.sqrt(in))));
  }
}
