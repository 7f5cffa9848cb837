package io.tsllm.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link AtomicFiles} leaves on the disk. That the content and the rename are forced is seen with {@code strace
 * -f -e trace=fsync} (an fsync of the file before the rename and of its folder after), not from Java.
 */
class AtomicFilesTest {

  @TempDir Path temp;

  @Test
  void writeReplacesTheContentWholeAndLeavesNoTemporaryFile() throws Exception {
    Path file = temp.resolve("status.json");
    AtomicFiles.write(file, "{\"state\":\"running\"}".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(file, "{\"state\":\"completed\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals("{\"state\":\"completed\"}", Files.readString(file));
    assertEquals(List.of(file), list(temp));
  }

  @Test
  void moveRenamesAWholeFolderWithEveryFileInIt() throws Exception {
    Path source = Files.createDirectories(temp.resolve(".saved_model.tmp/variables"));
    Files.writeString(source.resolve("variables.index"), "index");
    Files.writeString(source.getParent().resolve("saved_model.pb"), "graph");
    Path target = temp.resolve("saved_model");
    Files.createDirectories(target);
    Files.writeString(target.resolve("stale.pb"), "old");
    AtomicFiles.deleteTree(target);

    AtomicFiles.move(source.getParent(), target);

    assertFalse(Files.exists(source.getParent()));
    assertEquals("index", Files.readString(target.resolve("variables/variables.index")));
    assertEquals("graph", Files.readString(target.resolve("saved_model.pb")));
    assertFalse(Files.exists(target.resolve("stale.pb")));
  }

  @Test
  void forceTreeReadsNothingItDoesNotOwnAndChangesNothing() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("checkpoint/sub"));
    Files.writeString(folder.resolve("model.data-00000-of-00001"), "weights");
    Path readOnly = Files.writeString(folder.getParent().resolve("model.index"), "index");
    assertTrue(readOnly.toFile().setWritable(false), "a file TensorFlow closed may be read-only");

    AtomicFiles.forceTree(folder.getParent());

    assertEquals("weights", Files.readString(folder.resolve("model.data-00000-of-00001")));
    assertEquals("index", Files.readString(readOnly));
  }

  private static List<Path> list(Path folder) throws Exception {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.toList();
    }
  }
}
