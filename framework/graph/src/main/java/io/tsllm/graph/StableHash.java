package io.tsllm.graph;

import java.nio.charset.StandardCharsets;

/** FNV-1a over UTF-8: a hash of a name that is the same in every JVM, unlike {@link String#hashCode()}'s spread. */
final class StableHash {

  private StableHash() {}

  static long of(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
