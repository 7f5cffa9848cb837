package io.tsllm.embedders.timellm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against Python 3's own {@code str(float)} (the expected strings were printed by it). */
class PythonFloatTextTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "0.1|0.1", "1.0|1.0", "-0.25|-0.25", "1e-05|1e-05", "1.5e-07|1.5e-07", "123456789.0|123456789.0",
      "1e16|1e+16", "1.5e16|1.5e+16", "0.0001|0.0001", "0.00012345|0.00012345", "-1.7320508|-1.7320508",
      "0.0025|0.0025", "100.0|100.0", "1234567.125|1234567.125", "9999999999999998.0|9999999999999998.0",
      "0.0|0.0", "-0.0|-0.0"})
  void doublesReadAsPythonWritesThem(double value, String python) {
    assertEquals(python, PythonFloatText.of(value));
  }

  @ParameterizedTest(name = "float32 {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "0.1|0.10000000149011612", "1e-05|9.999999747378752e-06", "123456789.0|123456792.0",
      "1e16|1.0000000272564224e+16", "-1.7320508|-1.7320507764816284", "0.0025|0.0024999999441206455"})
  void float32StatisticsReadAsTimeLlmPrintsThem(float value, String python) {
    // Time-LLM prints float32 tensors' values through tolist(), i.e. as the double they widen to.
    assertEquals(python, PythonFloatText.of(value));
  }
}
