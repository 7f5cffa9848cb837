package io.tsllm.backbones.patchtst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tsllm.backbones.common.ReferenceScriptTestSupport;
import io.tsllm.converters.safetensors.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tools/patchtst_reference.py recomputes every committed PatchTST reference (where python3 has NumPy). */
class PatchTstReferenceScriptTest {

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"patchtst-reference", "patchtst-layernorm-reference"})
  void theScriptReproducesTheCommittedReference(String fixture) throws Exception {
    assumeTrue(ReferenceScriptTestSupport.pythonWithNumpy(), "python3 with NumPy");
    Path source = Path.of("src/test/resources").resolve(fixture);
    for (String file : new String[] {"config.json", "model.safetensors", "inputs.safetensors"}) {
      Files.copy(source.resolve(file), temp.resolve(file));
    }
    Process process = new ProcessBuilder("python3", "../../tools/patchtst_reference.py", "compute", temp.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    try (SafetensorsFile expected = SafetensorsFile.open(source.resolve("reference.safetensors"));
        SafetensorsFile actual = SafetensorsFile.open(temp.resolve("reference.safetensors"))) {
      assertEquals(expected.tensors().keySet(), actual.tensors().keySet());
      for (String name : expected.tensors().keySet()) {
        double[] a = expected.readDoubles(name);
        double[] b = actual.readDoubles(name);
        for (int i = 0; i < a.length; i++) {
          assertEquals(a[i], b[i], 1e-12, name + "[" + i + "]");
        }
      }
    }
  }
}
