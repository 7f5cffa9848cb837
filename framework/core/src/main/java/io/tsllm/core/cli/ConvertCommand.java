package io.tsllm.core.cli;

import io.tsllm.converters.HfModelConverter;
import io.tsllm.converters.bundle.BundleConverter;
import io.tsllm.converters.bundle.ConvertedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = "Convert a HuggingFace GPT-2 or LLaMA-family (llama, qwen2, mistral) folder (config.json +"
        + " model.safetensors, sharded safetensors or pytorch_model.bin; F32, F16 or BF16) to the framework's format:"
        + " a TensorFlow checkpoint bundle and a manifest. Use the output as backbone.weights.")
final class ConvertCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "HF_DIR", description = "The HuggingFace model folder.")
  Path source;

  @Parameters(index = "1", paramLabel = "OUT_DIR", description = "A new (or empty) output folder.")
  Path output;

  @Option(names = "--layers", paramLabel = "K", description = "Keep only what the first K blocks need.")
  Integer layers;

  @Option(names = {"--keep-embeddings", "--keep-wte"},
      description = "Also keep the input word embedding (wte / embed_tokens; left out by default). Time-LLM's"
          + " reprogramming embedder needs it.")
  boolean keepWordEmbeddings;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    ConvertedModel converted =
        new HfModelConverter().convert(source, output, new BundleConverter.Options(layers, keepWordEmbeddings));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "converted %s -> %s: %d tensors, %d of %d layers, %s (%.1f s)%n", source, output,
        converted.shapes().size(), converted.layers(), converted.config().layerCount(),
        converted.config().format(), (System.nanoTime() - started) / 1e9);
    out.flush();
    return 0;
  }
}
