package io.tsllm.backbones.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tsllm.backbones.common.ReferenceScriptTestSupport;
import io.tsllm.converters.safetensors.SafetensorsFile;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed LLaMA reference outputs are what tools/llama_reference.py computes from the committed checkpoints
 * and inputs, so the fixtures cannot drift from the script that documents them.
 */
class LlamaReferenceScriptTest {

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"llama-reference", "llama-rope-reference", "qwen2-reference", "llama-lora-reference"})
  void scriptReproducesTheCommittedReference(String name) throws Exception {
    assumeTrue(ReferenceScriptTestSupport.pythonWithNumpy(), "python3 with NumPy is not available");
    Path fixture = LlamaParityTest.RESOURCES.resolve(name);
    Path adapter = name.contains("lora") ? fixture.resolve("adapter_config.json") : null;
    Path out = ReferenceScriptTestSupport.compute(ReferenceScriptTestSupport.LLAMA,
        fixture.resolve("model.safetensors"), fixture.resolve("config.json"), fixture.resolve("inputs.safetensors"),
        2, adapter, temp.resolve("out.safetensors"));
    try (SafetensorsFile computed = SafetensorsFile.open(out);
        SafetensorsFile committed = SafetensorsFile.open(fixture.resolve("reference.safetensors"))) {
      assertArrayEquals(committed.readDoubles("last_hidden_state.layers2"),
          computed.readDoubles("last_hidden_state.layers2"), 1e-12);
    }
  }
}
