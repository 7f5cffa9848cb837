package io.tsllm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.core.Experiments;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class CheckpointStoreTest {

  @TempDir Path temp;

  @Test
  void aSaveThatFailsMidWriteLeavesThePreviousCheckpointCurrentAndRestorable() throws Exception {
    CheckpointStore store = new CheckpointStore(temp, Experiments.MAPPER);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> w = tf.withInitScope().withName("w").variable(tf.constant(new float[] {1f}));
      var bump = tf.assign(w, tf.constant(new float[] {2f}));
      Path first;
      try (Session session = new Session(graph)) {
        session.initialize();
        first = store.save(session, "last", new CheckpointInfo(null, 1L, null, null, null, null, null));
        session.run(bump);
      }
      Session broken = new Session(graph);
      broken.close();  // a save that cannot complete, as on a full disk

      assertThrows(UncheckedIOException.class,
          () -> store.save(broken, "last", new CheckpointInfo(null, 2L, null, null, null, null, null)));

      assertEquals(first, store.current("last"));
      assertEquals(1, store.info("last").step());
      try (Stream<Path> entries = Files.list(temp)) {
        assertEquals(1, entries.filter(Files::isDirectory).count(), "the half-written folder is gone");
      }
      try (Session session = new Session(graph)) {
        store.restore(session, "last");
        try (Result result = session.runner().fetch(w).run()) {
          assertEquals(1f, ((TFloat32) result.get(0)).getFloat(0));
        }
      }
      assertTrue(Files.exists(first.resolve("model.index")));
    }
  }
}
