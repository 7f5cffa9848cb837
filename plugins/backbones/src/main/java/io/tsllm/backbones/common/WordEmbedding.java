package io.tsllm.backbones.common;

import io.tsllm.spi.DataException;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.ParameterRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A backbone's input word embedding as a frozen parameter ({@link ParameterRole#BACKBONE}): the checkpoint's rows,
 * or {@code vocabulary} random ones; a converted folder without it is refused with the fix.
 */
public final class WordEmbedding {

  private WordEmbedding() {}

  /**
   * @param name the embedding's HuggingFace name ({@code wte.weight}, {@code embed_tokens.weight})
   * @param vocabulary rows for random weights (a checkpoint brings its own)
   */
  public static Operand<TFloat32> parameter(GraphContext context, BackboneWeights weights, String name,
      long vocabulary, int width) {
    long rows = vocabulary;
    if (weights instanceof CheckpointWeights checkpoint) {
      rows = checkpoint.shape(name).orElseThrow(() -> new DataException(checkpoint.folder(), null,
          "holds no word embedding (" + name + "), which the embedder needs: convert again with --keep-embeddings"))[0];
    }
    Shape shape = Shape.of(rows, width);
    return context.parameter(name, ParameterRole.BACKBONE, shape, weights.initializer(name, shape));
  }
}
