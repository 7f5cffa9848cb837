package io.tsllm.backbones.gpt2;

import io.tsllm.backbones.common.ReferenceScriptTestSupport;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tsllm.converters.safetensors.SafetensorsFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed reference outputs are what tools/gpt2_reference.py computes from the committed checkpoint and
 * inputs, so the fixture cannot drift from the script that documents it.
 */
class ReferenceScriptTest {

  @TempDir Path temp;

  @Test
  void scriptReproducesTheCommittedReference() throws Exception {
    assumeTrue(ReferenceScriptTestSupport.pythonWithNumpy(), "python3 with NumPy is not available");
    assertReproduced(Gpt2ParityTest.FIXTURE, null);
  }

  @Test
  void scriptReproducesTheCommittedLoraReference() throws Exception {
    assumeTrue(ReferenceScriptTestSupport.pythonWithNumpy(), "python3 with NumPy is not available");
    Path fixture = Gpt2ParityTest.LORA_FIXTURE;
    assertReproduced(fixture, fixture.resolve("adapter_config.json"));
  }

  private void assertReproduced(Path fixture, Path adapterConfig) throws Exception {
    Path out = ReferenceScriptTestSupport.compute(ReferenceScriptTestSupport.GPT2, fixture.resolve("model.safetensors"),
        fixture.resolve("config.json"), fixture.resolve("inputs.safetensors"), 2, adapterConfig,
        temp.resolve("out.safetensors"));
    try (SafetensorsFile computed = SafetensorsFile.open(out);
        SafetensorsFile committed = SafetensorsFile.open(fixture.resolve("reference.safetensors"))) {
      assertArrayEquals(committed.readDoubles("last_hidden_state.layers2"),
          computed.readDoubles("last_hidden_state.layers2"), 1e-12);
    }
  }
}
