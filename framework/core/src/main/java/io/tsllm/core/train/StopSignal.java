package io.tsllm.core.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop training cleanly (Ctrl-C, SIGTERM): the trainer finishes the step in progress, saves the
 * {@code last} checkpoint and stops; the requester waits for that before the process exits.
 */
public final class StopSignal {

  private volatile boolean requested;
  private volatile boolean running;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Asks a running training to stop and waits until it has saved, at most {@code timeoutSeconds}. */
  public void requestAndWait(long timeoutSeconds) {
    if (!running) {
      return;
    }
    requested = true;
    try {
      stopped.await(timeoutSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether a stop was asked for; work after training checks it too, so status and exit code agree. */
  public boolean requested() {
    return requested;
  }

  /** A run began: a stop request now waits for it. */
  public void started() {
    running = true;
  }

  /** The run is over and its status recorded, however it ended: nobody needs to wait any more. */
  public void ended() {
    running = false;
    stopped.countDown();
  }
}
