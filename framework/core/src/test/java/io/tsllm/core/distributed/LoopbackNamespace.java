package io.tsllm.core.distributed;

import java.util.concurrent.TimeUnit;

/**
 * Network namespaces whose only interface is loopback ({@code unshare --net}, then {@code ip link set lo up}), where
 * tests run TensorFlow's servers: they listen on every interface of their host, so outside such a namespace nothing
 * would keep them to 127.0.0.1.
 */
public final class LoopbackNamespace {

  private LoopbackNamespace() {}

  /** Whether this machine lets a process have one (root and Linux with {@code unshare} and {@code ip}). */
  public static boolean available() {
    try {
      Process probe = new ProcessBuilder("unshare", "--net", "sh", "-c", "ip link set lo up").redirectErrorStream(true)
          .start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
