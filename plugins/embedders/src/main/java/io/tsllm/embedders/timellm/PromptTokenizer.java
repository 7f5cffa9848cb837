package io.tsllm.embedders.timellm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.spi.DataException;
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
  private final Path file;
  private final int length;
  private final int padId;

  private PromptTokenizer(HuggingFaceTokenizer tokenizer, Path file, int length, int padId) {
    this.tokenizer = tokenizer;
    this.file = file;
    this.length = length;
    this.padId = padId;
  }

  /**
   * @param location a tokenizer.json file or the folder holding it
   * @param padToken the padding token; null for {@code eos_token} of {@code tokenizer_config.json} beside it
   */
  static PromptTokenizer open(Path location, int length, String padToken) {
    Path file = Files.isDirectory(location) ? location.resolve("tokenizer.json") : location;
    if (!Files.isRegularFile(file)) {
      throw new DataException(file, null, "no such tokenizer file; embedder.prompt.tokenizer names a HuggingFace "
          + "tokenizer.json or the model folder holding one");
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
    return new PromptTokenizer(tokenizer, file, length, Math.toIntExact(ids[0]));
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

  /** {@code length} ids for {@code text}; how many the text really had is {@link #count}. */
  int[] ids(String text) {
    long[] encoded = encode(text).getIds();
    int[] ids = new int[length];
    for (int i = 0; i < length; i++) {
      ids[i] = i < encoded.length ? Math.toIntExact(encoded[i]) : padId;
    }
    return ids;
  }

  /** Tokens in {@code text}, before padding or cutting. */
  int count(String text) {
    return encode(text).getIds().length;
  }

  private Encoding encode(String text) {
    return tokenizer.encode(text, true, false);
  }

  int length() {
    return length;
  }

  int padId() {
    return padId;
  }

  Path file() {
    return file;
  }
}
