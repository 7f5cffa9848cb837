package io.tsllm.heads.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.spi.EvaluationBatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassifyEvaluatorTest {

  @Test
  void accuracyMacroF1ConfusionAndTheMajorityBaseline() {
    ClassifyEvaluator evaluator = new ClassifyEvaluator(3);
    // truths 0,0,0,1,2 ; predictions 0,0,1,1,0
    float[] probabilities = {
      0.9f, 0.05f, 0.05f,
      0.6f, 0.3f, 0.1f,
      0.2f, 0.7f, 0.1f,
      0.1f, 0.8f, 0.1f,
      0.5f, 0.2f, 0.3f};
    evaluator.add(EvaluationBatch.of(new float[0], probabilities, new float[] {0, 0, 0, 1, 2}, 5));
    Map<String, Double> m = evaluator.metrics();
    assertEquals(3.0 / 5, m.get("accuracy"), 1e-12);
    // class 0: tp 2, fp 1, fn 1 -> 2/3; class 1: tp 1, fp 1, fn 0 -> 2/3; class 2: 0
    assertEquals((2.0 / 3 + 2.0 / 3 + 0) / 3, m.get("macro_f1"), 1e-12);
    assertEquals(1.0, m.get("confusion.0.1"));
    assertEquals(1.0, m.get("confusion.2.0"));
    assertEquals(3.0 / 5, m.get("naive_accuracy"), 1e-12, "always class 0");
    assertEquals((2 * 3.0 / (2 * 3 + 2)) / 3, m.get("naive_macro_f1"), 1e-12);
  }
}
