package io.tsllm.graph;

import io.tsllm.spi.HostInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What one plugin of a graph hands another through the framework: the embedder's host inputs (graph inputs the
 * framework feeds) and the backbone's word embedding, built once when the embedder first asks for it. Shared by all
 * sections' contexts of one graph.
 */
public final class CrossPluginInputs {

  /** A declared host input and the graph input it is fed through. */
  public record HostFeed(HostInput input, Placeholder<TInt32> placeholder) {}

  private final Map<String, HostFeed> hostInputs = new LinkedHashMap<>();
  private Supplier<Optional<Operand<TFloat32>>> wordEmbeddingSource;
  private String backboneName = "the backbone";
  private Optional<Operand<TFloat32>> wordEmbeddings;

  /** Creates a graph input {@code [-1, width]} named after each host input. */
  public void declareHostInputs(Ops tf, List<HostInput> inputs) {
    for (HostInput input : inputs) {
      if (hostInputs.containsKey(input.name())) {
        throw new IllegalArgumentException("two host inputs are named '" + input.name() + "'");
      }
      Placeholder<TInt32> placeholder = tf.withName(input.name())
          .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, input.width())));
      hostInputs.put(input.name(), new HostFeed(input, placeholder));
    }
  }

  public List<HostFeed> hostFeeds() {
    return List.copyOf(hostInputs.values());
  }

  Operand<TInt32> hostInput(String name) {
    HostFeed feed = hostInputs.get(name);
    if (feed == null) {
      throw new IllegalArgumentException("no host input '" + name + "' was declared (declared: "
          + hostInputs.keySet() + "); an embedder declares them in hostInputs");
    }
    return feed.placeholder();
  }

  /** Where the backbone's word embedding comes from, built on first use. */
  public void wordEmbeddingsFrom(String backbone, Supplier<Optional<Operand<TFloat32>>> source) {
    this.backboneName = backbone;
    this.wordEmbeddingSource = source;
  }

  Operand<TFloat32> wordEmbeddings() {
    if (wordEmbeddings == null) {
      wordEmbeddings = wordEmbeddingSource == null ? Optional.empty() : wordEmbeddingSource.get();
    }
    return wordEmbeddings.orElseThrow(() -> new IllegalStateException("backbone '" + backboneName
        + "' has no word embedding to hand the embedder (choose a language-model backbone: gpt2 or llama)"));
  }
}
