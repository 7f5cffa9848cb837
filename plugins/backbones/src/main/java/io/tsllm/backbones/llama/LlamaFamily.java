package io.tsllm.backbones.llama;

import io.tsllm.backbones.common.PretrainedLocator;
import io.tsllm.converters.bundle.BundleConverter;
import io.tsllm.converters.llama.ConvertedLlama;
import io.tsllm.converters.llama.LlamaConverter;
import java.nio.file.Path;

/** The LLaMA family's converted format and converter, for {@link PretrainedLocator}. */
final class LlamaFamily implements PretrainedLocator.Family<ConvertedLlama> {

  @Override
  public String label() {
    return "LLaMA-family";
  }

  @Override
  public String exampleId() {
    return "HuggingFaceTB/SmolLM2-135M";
  }

  @Override
  public ConvertedLlama open(Path converted) {
    return ConvertedLlama.open(converted);
  }

  @Override
  public ConvertedLlama convert(Path source, Path output, BundleConverter.Options options) {
    return new LlamaConverter().convert(source, output, options);
  }
}
