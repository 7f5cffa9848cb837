package io.tsllm.converters.hf;

import java.nio.file.Path;

/** One tensor of a HuggingFace checkpoint, read on demand so a conversion holds one tensor at a time. */
public interface SourceTensor {

  /** The name in the checkpoint, as stored (possibly with the {@code transformer.} prefix). */
  String storedName();

  long[] shape();

  /** The element type as stored: F32, F16, BF16, F64. */
  String dtype();

  Path file();

  /** The values as float32, row-major. */
  float[] read();
}
