package io.tsllm.backbones.common;

/** The additive bias that keeps each token from attending to later ones. */
public final class CausalMask {

  /** Anything this negative becomes exactly 0 after softmax in float32, as HuggingFace's finfo.min does. */
  private static final float MASKED = -1e9f;

  private CausalMask() {}

  /** {@code [count, count]}: 0 on and below the diagonal, a large negative number above it. */
  public static float[][] bias(int count) {
    float[][] bias = new float[count][count];
    for (int i = 0; i < count; i++) {
      for (int j = i + 1; j < count; j++) {
        bias[i][j] = MASKED;
      }
    }
    return bias;
  }
}
