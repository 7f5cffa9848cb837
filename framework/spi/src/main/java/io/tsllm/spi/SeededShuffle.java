package io.tsllm.spi;

import java.util.Random;

/**
 * The one reproducible shuffle of tsllm (Fisher-Yates driven by {@link Random} with a given seed): the same seed
 * gives the same order on every machine and Java version, so window orders and seeded splits repeat exactly.
 */
public final class SeededShuffle {

  private SeededShuffle() {}

  /** {@code 0 .. size-1} in the order the seed gives. */
  public static int[] permutation(int size, long seed) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    return shuffleInPlace(order, seed);
  }

  /** A copy of {@code values} in the order the seed gives. */
  public static int[] shuffled(int[] values, long seed) {
    return shuffleInPlace(values.clone(), seed);
  }

  private static int[] shuffleInPlace(int[] order, long seed) {
    Random random = new Random(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
