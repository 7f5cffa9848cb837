package io.tsllm.embedders.timellm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.tsllm.spi.DataException;
import io.tsllm.spi.HfHubCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code prompt_ids} host input with the generated tiny LLaMA's tokenizer (configs/models/tiny-llama): each
 * channel's prompt, tokenized with BOS, padded with EOS (id 2) or cut to the configured length.
 */
class PromptIdsTest {

  static final Path TINY_LLAMA = Path.of("../../configs/models/tiny-llama").toAbsolutePath().normalize();
  static final TimeLlmPrompt PROMPT = new TimeLlmPrompt("Hourly oil temperature.", 4, 8);

  @TempDir Path temp;

  private static PromptTokenizer tokenizer(int length) {
    return PromptTokenizer.open(TINY_LLAMA.toString(), TINY_LLAMA, new HfHubCache(Path.of("/nonexistent")), length,
        null);
  }

  @Test
  void eachChannelsPromptIsTokenizedAndPaddedWithEos() throws Exception {
    // Two windows of 8 steps and 2 channels, row-major [window, step, channel].
    float[] windows = new float[2 * 8 * 2];
    for (int w = 0; w < 2; w++) {
      for (int t = 0; t < 8; t++) {
        windows[(w * 8 + t) * 2] = 10 + (t % 4 == 2 ? 4 : t % 2 == 1 ? 2 : 0);  // the periodic window
        windows[(w * 8 + t) * 2 + 1] = w == 0 ? 8 - t : t;                       // falling, then rising
      }
    }
    PromptIds ids = new PromptIds(PROMPT, tokenizer(200), 8, 2, 5);

    int[] values = ids.compute(windows, 2);

    assertEquals(2 * 2 * 200, values.length);
    String periodic = ids.text(new float[] {10, 12, 14, 12, 10, 12, 14, 12});
    assertTrue(periodic.contains("top 5 lags are : [0, 4, 1, 3, 5]"), periodic);
    long[] expected;
    try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(TINY_LLAMA.resolve("tokenizer.json"))) {
      expected = reference.encode(periodic, true, false).getIds();
    }
    assertEquals(1, expected[0], "LLaMA's BOS first");
    for (int w = 0; w < 2; w++) {
      int[] row = Arrays.copyOfRange(values, (w * 2) * 200, (w * 2 + 1) * 200);
      assertArrayEquals(Arrays.stream(expected).mapToInt(Math::toIntExact).toArray(),
          Arrays.copyOf(row, expected.length), "window " + w + ", channel 0: the tokenizer's own ids");
      assertTrue(Arrays.stream(row, expected.length, 200).allMatch(id -> id == 2), "padded with </s>");
    }
    int[] falling = Arrays.copyOfRange(values, 200, 400);
    int[] rising = Arrays.copyOfRange(values, 3 * 200, 4 * 200);
    assertTrue(!Arrays.equals(falling, rising), "the trend and lags differ, so do the prompts");
  }

  @Test
  void longPromptsAreCutToTheLength() {
    PromptIds ids = new PromptIds(PROMPT, tokenizer(12), 8, 1, 5);
    int[] values = ids.compute(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1);
    assertEquals(12, values.length);
    assertTrue(Arrays.stream(values).noneMatch(id -> id == 2), "cut, not padded: " + Arrays.toString(values));
  }

  @Test
  void missingOrForeignTokenizersAreRefusedWithWhatWasTried() throws Exception {
    DataException missing = assertThrows(DataException.class, () -> PromptTokenizer.open("org/none",
        temp.resolve("org/none"), new HfHubCache(temp.resolve("hub")), 16, null));
    assertTrue(missing.getMessage().contains("models--org--none") && missing.getMessage().contains("Nothing is "
        + "downloaded"), missing.getMessage());

    Path broken = Files.writeString(temp.resolve("tokenizer.json"), "{\"model\": 3}");
    DataException unreadable = assertThrows(DataException.class,
        () -> PromptTokenizer.open(broken.toString(), broken, new HfHubCache(temp), 16, "</s>"));
    assertTrue(unreadable.getMessage().contains("tokenizer.json"), unreadable.getMessage());

    DataException pad = assertThrows(DataException.class, () -> PromptTokenizer.open(TINY_LLAMA.toString(),
        TINY_LLAMA, new HfHubCache(temp), 16, "two tokens"));
    assertTrue(pad.getMessage().contains("pad_token"), pad.getMessage());
  }
}
