package io.tsllm.backbones.gpt2;

import io.tsllm.backbones.common.PretrainedLocator;
import io.tsllm.converters.bundle.BundleConverter;
import io.tsllm.converters.gpt2.ConvertedGpt2;
import io.tsllm.converters.gpt2.Gpt2Converter;
import java.nio.file.Path;

/** GPT-2's converted format and converter, for {@link PretrainedLocator}. */
public final class Gpt2Family implements PretrainedLocator.Family<ConvertedGpt2> {

  @Override
  public String label() {
    return "GPT-2";
  }

  @Override
  public String exampleId() {
    return "gpt2";
  }

  @Override
  public ConvertedGpt2 open(Path converted) {
    return ConvertedGpt2.open(converted);
  }

  @Override
  public ConvertedGpt2 convert(Path source, Path output, BundleConverter.Options options) {
    return new Gpt2Converter().convert(source, output, options);
  }
}
