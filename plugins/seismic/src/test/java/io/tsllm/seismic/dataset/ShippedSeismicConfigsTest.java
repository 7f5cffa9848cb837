package io.tsllm.seismic.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped experiments that read seismic files (core's ShippedConfigsTest leaves them to this plugin): each
 * passes {@code validate}, which binds it, reads its MiniSEED or SAC files and builds its graph.
 */
class ShippedSeismicConfigsTest {

  static Stream<Path> seismic() throws Exception {
    List<Path> found = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    for (String folder : List.of("../../configs", "../../experiments")) {
      try (Stream<Path> list = Files.list(Path.of(folder))) {
        for (Path file : list.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          if ("seismic".equals(mapper.readTree(file.toFile()).path("data").path("type").asText())) {
            found.add(file);
          }
        }
      }
    }
    assertFalse(found.isEmpty(), "configs/impute-seismic.json reads seismic files");
    return found.stream();
  }

  @ParameterizedTest
  @MethodSource("seismic")
  void validates(Path file) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), "validate",
        file.toString());
    assertEquals(0, code, out + "\n" + err);
  }
}
