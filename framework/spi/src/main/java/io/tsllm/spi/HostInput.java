package io.tsllm.spi;

/**
 * An int32 input an embedder computes on the host from each batch's windows, because no graph op can: Time-LLM's
 * prompt, tokenized with the language model's own tokenizer. The embedder declares it
 * ({@link Embedder#hostInputs}), reads it in the graph as {@link GraphContext#hostInput}, and the framework computes
 * and feeds it wherever the model runs: training steps, evaluation passes, the export's round-trip check and served
 * predictions. An exported model takes it as a further signature input of the same name.
 *
 * <p>{@link #compute} sees the windows as the model is fed them: scaled by the dataset's channel scaler in training
 * and evaluation, in original units through an export. What it computes must not depend on which (statistics taken
 * after instance normalization do not).
 */
public interface HostInput {

  /** The graph input's name, also the export signature's, e.g. {@code prompt_ids}. */
  String name();

  /** Rows per window (its channels, under channel independence). */
  int rowsPerWindow();

  /** Values per row. */
  int width();

  /**
   * The values for {@code count} windows.
   *
   * @param windows {@code [count, input_length, channels]}, row-major
   * @return {@code [count * rowsPerWindow(), width()]}, row-major
   */
  int[] compute(float[] windows, int count);
}
