package io.tsllm.spi;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a head adds to the graph.
 *
 * @param prediction the model's output for a batch, laid out like the dataset's targets {@code [batch, ...]}
 * @param loss the scalar training loss, averaged over the batch
 */
public record HeadOutput(Operand<TFloat32> prediction, Operand<TFloat32> loss) {}
