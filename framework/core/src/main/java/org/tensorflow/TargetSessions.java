package org.tensorflow;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Sessions on a TensorFlow server ({@code grpc://host:port}), which TF Java 1.1.0's public constructors cannot make:
 * its C API's {@code TF_SetTarget} and {@code TF_NewSession}, wrapped in the package-private {@code Session}
 * constructor. In package {@code org.tensorflow} for that constructor and the graph's native handle; nothing else
 * of TF Java's internals is touched.
 */
public final class TargetSessions {

  private TargetSessions() {}

  /** A session of {@code graph} that runs on the server at {@code target}. */
  public static Session open(Graph graph, String target, ConfigProto config) {
    try (PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
      byte[] bytes = config.toByteArray();
      TF_SetConfig(options, new BytePointer(bytes), bytes.length, status);
      status.throwExceptionIfNotOK();
      TF_SetTarget(options, target);
      try (Graph.Reference reference = graph.ref()) {
        TF_Session session = TF_NewSession(reference.nativeHandle(), options, status);
        status.throwExceptionIfNotOK();
        return new Session(graph, session);
      }
    }
  }
}
