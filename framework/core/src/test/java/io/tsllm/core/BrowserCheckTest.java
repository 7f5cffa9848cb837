package io.tsllm.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The browser check itself finds what it is there to find. */
class BrowserCheckTest {

  @TempDir Path temp;

  @Test
  void failsOnAnImageThatDoesNotLoadAndOnAScriptError() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) || System.getenv("CI") != null,
        "needs Chromium (.ci/run installs it)");
    Path broken = Files.writeString(temp.resolve("broken.html"),
        "<!DOCTYPE html><html><head><title>t</title></head><body><img alt=\"gone.png\" src=\"gone.png\"></body></html>");
    Path throwing = Files.writeString(temp.resolve("throwing.html"),
        "<!DOCTYPE html><html><head><title>t</title></head><body><script>undefinedFunction();</script></body></html>");

    AssertionFailedError image = assertThrows(AssertionFailedError.class,
        () -> BrowserCheck.assertRendersCleanly(broken, 1));
    AssertionFailedError script = assertThrows(AssertionFailedError.class,
        () -> BrowserCheck.assertRendersCleanly(throwing, 0));

    assertTrue(image.getMessage().contains("gone.png"), image.getMessage());
    assertTrue(script.getMessage().contains("undefinedFunction"), script.getMessage());
  }
}
