package io.tsllm.converters.bundle;

import java.nio.file.Path;
import java.util.Map;

/**
 * A model in the framework's format, as {@link BundleConverter} writes it: {@code manifest.json} and a TensorFlow
 * checkpoint bundle {@code checkpoint/model.*} whose keys are HuggingFace's tensor names without the model prefix.
 */
public interface ConvertedModel {

  String MANIFEST = "manifest.json";
  String CHECKPOINT = "checkpoint";
  String PREFIX = "model";

  Path folder();

  /** The source's config, as the family reads it. */
  ModelLayout config();

  /** The bundle's prefix, as TensorFlow's restore ops take it. */
  Path checkpointPrefix();

  /** How many blocks the bundle holds (the first ones). */
  int layers();

  /** Every tensor in the bundle, by name. */
  Map<String, long[]> shapes();

  static boolean isConverted(Path folder) {
    return java.nio.file.Files.isRegularFile(folder.resolve(MANIFEST));
  }
}
