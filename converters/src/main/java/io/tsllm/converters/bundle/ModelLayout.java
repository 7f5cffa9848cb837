package io.tsllm.converters.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What {@link BundleConverter} needs to know about one model family's checkpoint. */
public interface ModelLayout {

  /** The manifest's {@code format}, e.g. {@code tsllm-gpt2}. */
  String format();

  /** Blocks in the full model. */
  int layerCount();

  /** The input word embedding's name ({@code wte.weight}, {@code embed_tokens.weight}). */
  String wordEmbeddings();

  /** Names of the tensors the first {@code layers} blocks need, without the word embedding. */
  List<String> requiredTensors(int layers);

  /** The shape a tensor must have; -1 where the checkpoint decides (the vocabulary). */
  long[] expectedShape(String name);

  /** The config fields a shape error names, e.g. {@code n_embd 768, n_positions 1024}. */
  String shapeFields();

  /** Writes the config the converted model keeps into the manifest's {@code config}. */
  void describe(ObjectNode config);
}
