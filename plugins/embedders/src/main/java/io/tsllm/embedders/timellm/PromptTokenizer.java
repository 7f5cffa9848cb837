package io.tsllm.embedders.timellm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.spi.DataException;
import io.tsllm.spi.HfHubCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A language model's own tokenizer, read from its HuggingFace {@code tokenizer.json} with HuggingFace's tokenizers
 * library (DJL's binding), turning a prompt into a fixed number of token ids: special tokens added as the tokenizer
 * defines them (LLaMA's BOS), cut or padded at the end with the padding token.
 */
final class PromptTokenizer {

  private final HuggingFaceTokenizer tokenizer;
  private final int length;
  private final int padId;

  private PromptTokenizer(HuggingFaceTokenizer tokenizer, int length, int padId) {
    this.tokenizer = tokenizer;
    this.length = length;
    this.padId = padId;
  }

  /**
   * @param name {@code embedder.prompt.tokenizer} as written: a path, or a model id in the HuggingFace cache
   * @param location the name resolved as a path from the experiment's folder
   * @param padToken the padding token; null for {@code eos_token} of {@code tokenizer_config.json} beside it
   */
  static PromptTokenizer open(String name, Path location, HfHubCache cache, int length, String padToken) {
    Path folder = Files.exists(location) ? location
        : cache.snapshot(name).orElseThrow(() -> new DataException(location, null, "no tokenizer for "
            + "embedder.prompt.tokenizer '" + name + "': looked for a tokenizer.json or a model folder at " + location
            + " and for a model in the HuggingFace cache at " + cache.modelFolder(name) + ". Nothing is downloaded"));
    Path file = Files.isDirectory(folder) ? folder.resolve("tokenizer.json") : folder;
    if (!Files.isRegularFile(file)) {
      throw new DataException(file, null, "no such tokenizer file; embedder.prompt.tokenizer names a HuggingFace "
          + "tokenizer.json, the model folder holding one, or a model id in the HuggingFace cache");
    }
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(true)
          .optTruncation(false).optPadding(false).build();
    } catch (IOException | RuntimeException e) {
      throw new DataException(file, null, "is not a tokenizer HuggingFace's tokenizers library can read: "
          + e.getMessage());
    }
    String pad = padToken != null ? padToken : eosToken(file);
    long[] ids = tokenizer.encode(pad, false, false).getIds();
    if (ids.length != 1) {
      throw new DataException(file, null, "the padding token '" + pad + "' is not one token of this tokenizer (it "
          + "encodes to " + ids.length + "); set embedder.prompt.pad_token to one");
    }
    return new PromptTokenizer(tokenizer, length, Math.toIntExact(ids[0]));
  }

  private static String eosToken(Path file) {
    Path config = file.resolveSibling("tokenizer_config.json");
    if (!Files.isRegularFile(config)) {
      throw new DataException(file, null, "has no tokenizer_config.json beside it to name its eos_token; set "
          + "embedder.prompt.pad_token");
    }
    try {
      JsonNode eos = new ObjectMapper().readTree(Files.readString(config)).get("eos_token");
      JsonNode content = eos != null && eos.isObject() ? eos.get("content") : eos;
      if (content == null || !content.isTextual()) {
        throw new DataException(config, null, "names no eos_token; set embedder.prompt.pad_token");
      }
      return content.asText();
    } catch (IOException e) {
      throw new DataException(config, null, "is not readable JSON: " + e.getMessage());
    }
  }

  /** {@code length} ids for {@code text}: its tokens, cut or padded at the end. */
  int[] ids(String text) {
    long[] encoded = encode(text).getIds();
    int[] ids = new int[length];
    for (int i = 0; i < length; i++) {
      ids[i] = i < encoded.length ? Math.toIntExact(encoded[i]) : padId;
    }
    return ids;
  }

  private Encoding encode(String text) {
    return tokenizer.encode(text, true, false);
  }

  int length() {
    return length;
  }
}
