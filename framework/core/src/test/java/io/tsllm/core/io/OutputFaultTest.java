package io.tsllm.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The faults the machine cannot make for real here (as root, a mode-555 folder does not refuse a write), injected:
 * each is recognized anywhere in the causes and said in the operating system's words.
 */
class OutputFaultTest {

  @Test
  void namesTheOperatingSystemsReasonWhereverItIsInTheCauses() {
    assertEquals(Optional.of("Permission denied"),
        OutputFault.reason(new UncheckedIOException("cannot write x", new AccessDeniedException("/runs/x"))));
    assertEquals(Optional.of("Read-only file system"), OutputFault.reason(new UncheckedIOException("cannot write x",
        new FileSystemException("/runs/x", null, "Read-only file system"))));
    assertEquals(Optional.of("No space left on device"), OutputFault.reason(new IllegalStateException("save failed",
        new RuntimeException("tensorflow: ... write failed: No space left on device"))));
    assertEquals(Optional.empty(), OutputFault.reason(new IllegalStateException("a bug", new IOException("EOF"))));
  }

  @Test
  void describesTheFaultOnceWithItsReason() {
    IOException denied = new AccessDeniedException("/converted");
    assertEquals("cannot create /converted (Permission denied)",
        OutputFault.describe(new UncheckedIOException("cannot create /converted", denied)));
    assertEquals("disk: No space left on device",
        OutputFault.describe(new RuntimeException("disk: No space left on device")));
  }
}
