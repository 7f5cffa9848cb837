package io.tsllm.spi;

/**
 * What a trainable weight is for. The framework decides from the role which weights train under a freezing policy
 * (GPT4TS trains layer norms and position embeddings of a pre-trained backbone, SeisMoLLM adds adapters), and
 * reports parameter counts per role.
 */
public enum ParameterRole {
  /** Weights of an embedder (front-end); always trained. */
  EMBEDDER,
  /** The backbone's main weights (attention and MLP projections). */
  BACKBONE,
  /** Layer-norm gains and biases in the backbone. */
  LAYER_NORM,
  /** The backbone's learned position embeddings. */
  POSITION_EMBEDDING,
  /** Low-rank adapter weights added to a frozen backbone. */
  ADAPTER,
  /** Weights of a task head; always trained. */
  HEAD
}
