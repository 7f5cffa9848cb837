package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.core.UserInputException;
import io.tsllm.core.io.JsonRecords;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder's lock, as suite {@code --parallel} uses it: one thread runs the folder while others ask whether it
 * is held. Whether the lock still stands is asked of another process, which is what the lock is for.
 */
class RunFolderLocksTest {

  private static final JsonRecords RECORDS = new JsonRecords(new com.fasterxml.jackson.databind.ObjectMapper());

  @TempDir Path temp;

  @Test
  void aHeldFolderStaysLockedForOtherProcessesWhileThreadsOfThisOneAskWhetherItIsHeld() throws Exception {
    RunDirectory run = RunDirectory.createAt(temp.resolve("cell"), RECORDS, Clock.systemUTC());
    try (RunDirectory.Lock lock = run.lock()) {
      ExecutorService askers = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          answers.add(askers.submit(() -> RunDirectory.isHeld(run.path())));
        }
        for (Future<Boolean> answer : answers) {
          assertTrue(answer.get(30, TimeUnit.SECONDS), "held, as this process holds it");
        }
      } finally {
        askers.shutdownNow();
      }
      // Before the registry, each check opened and closed a second channel, which on Linux dropped this process's
      // lock: the other process then took it.
      assertEquals("held", probeFromAnotherProcess(run.path().resolve(RunDirectory.LOCK)));
      UserInputException refused = assertThrows(UserInputException.class, run::lock);
      assertTrue(refused.getMessage().contains("being run") && refused.getMessage().contains("this process"),
          refused.getMessage());
      assertEquals("held", probeFromAnotherProcess(run.path().resolve(RunDirectory.LOCK)),
          "a refused second lock in this process leaves the first standing");
    }
    assertFalse(RunDirectory.isHeld(run.path()));
    assertEquals("free", probeFromAnotherProcess(run.path().resolve(RunDirectory.LOCK)));
    try (RunDirectory.Lock again = run.lock()) {
      assertTrue(RunDirectory.isHeld(run.path()), "a released folder can be locked again");
    }
  }

  @Test
  void aFolderLockedByAnotherProcessIsHeldAndRefusedNamingIt() throws Exception {
    RunDirectory run = RunDirectory.createAt(temp.resolve("cell"), RECORDS, Clock.systemUTC());
    Path file = run.path().resolve(RunDirectory.LOCK);
    Process holder = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
        LockProbe.class.getName(), file.toString(), "hold").redirectErrorStream(true).start();
    try {
      String first = new String(holder.getInputStream().readNBytes(5), StandardCharsets.UTF_8);
      assertEquals("taken", first);
      assertTrue(RunDirectory.isHeld(run.path()));
      UserInputException refused = assertThrows(UserInputException.class, run::lock);
      assertTrue(refused.getMessage().contains("pid " + holder.pid()), refused.getMessage());
    } finally {
      holder.destroyForcibly();
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    assertFalse(RunDirectory.isHeld(run.path()), "the OS released the lock of the process that ended");
  }

  private static String probeFromAnotherProcess(Path file) throws IOException, InterruptedException {
    Process probe = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
        LockProbe.class.getName(), file.toString(), "try").redirectErrorStream(true).start();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
    return out;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Run in a child JVM: {@code try} prints whether the lock could be taken; {@code hold} takes it and waits. */
  public static final class LockProbe {
    public static void main(String[] args) throws Exception {
      try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ)) {
        FileLock lock = channel.tryLock();
        if (args[1].equals("try")) {
          System.out.print(lock == null ? "held" : "free");
          return;
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid())
            .getBytes(StandardCharsets.UTF_8)));
        System.out.print(lock == null ? "held!" : "taken");
        System.out.flush();
        Thread.sleep(120_000);
      }
    }
  }
}
