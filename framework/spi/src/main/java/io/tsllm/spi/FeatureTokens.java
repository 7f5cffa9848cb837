package io.tsllm.spi;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What an embedder produces: a batch of token sequences, and how to map per-sequence outputs back to the layout
 * and units of the input series (undoing channel independence and instance normalization).
 *
 * <p>Token counts are static: {@link #count()} and {@link #width()} are fixed when the graph is built, from the
 * window shape and the embedder's config, and are the same for every batch; only the number of sequences (the batch
 * axis) varies. Backbones check their limits (positions) against {@link #count()} before any training.
 */
public interface FeatureTokens {

  /** Tokens {@code [sequences, count, width]}; {@code sequences} is the batch, times channels under channel independence. */
  Operand<TFloat32> tokens();

  /** Tokens per sequence. */
  int count();

  /** Width of each token; equals the backbone's width. */
  int width();

  /**
   * How many channels each sequence stands for: 1 under channel independence (each channel its own sequence), the
   * window's channel count when a sequence mixes all channels. A head that forecasts {@code steps} steps emits
   * {@code steps * channelsPerSequence()} values per sequence.
   */
  int channelsPerSequence();

  /**
   * Maps per-sequence outputs {@code [sequences, steps * channelsPerSequence()]} (step-major) to {@code [batch, steps, channels]} in the units of the
   * input window (before any normalization the embedder applied).
   */
  Operand<TFloat32> toSeries(Ops tf, Operand<TFloat32> perSequence);

  /**
   * Leading tokens that carry context rather than the series (Time-LLM's prompt, put before the patch tokens);
   * heads that decode the series read the tokens after them. 0, the default, when every token stands for the series.
   */
  default int prefixCount() {
    return 0;
  }

  /**
   * How the tokens were patched from a feature sequence, for heads that decode that sequence (SeisMoLLM's heads
   * un-patch the backbone's output with it); empty, the default, when they cannot be un-patched into one (patches of
   * the raw series under channel independence, say). A head that needs it says so in {@link Head#checkTokens}.
   */
  default java.util.Optional<LatentPatching> latentPatching() {
    return java.util.Optional.empty();
  }
}
