package io.tsllm.heads.pick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.ProbabilityPeaks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The picking metrics on a hand-made case: four windows of 100 samples at 100 Hz, tolerance 0.1 s (10 samples),
 * threshold 0.3, P and S labelled as the loaders label them (Gaussians of width 2).
 */
class PickEvaluatorTest {

  private static final int T = 100;
  private static final int PHASES = 2;

  private static PickHeadConfig config() {
    return new PickHeadConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** Windows: labelled arrivals (P, S; -1 none). */
  private static final int[][] ARRIVALS = {{30, 60}, {50, -1}, {-1, -1}, {20, -1}};

  private static float[] targets() {
    float[] targets = new float[ARRIVALS.length * T * PHASES];
    for (int w = 0; w < ARRIVALS.length; w++) {
      for (int c = 0; c < PHASES; c++) {
        int arrival = ARRIVALS[w][c];
        for (int t = 0; t < T && arrival >= 0; t++) {
          targets[(w * T + t) * PHASES + c] = (float) Math.exp(-(t - arrival) * (t - arrival) / 8.0);
        }
      }
    }
    return targets;
  }

  /** A triangular run of probabilities peaking at {@code peak} with {@code height}, 3 samples each side. */
  private static void bump(float[] predictions, int window, int phase, int peak, float height) {
    for (int d = -3; d <= 3; d++) {
      int t = peak + d;
      if (t >= 0 && t < T) {
        predictions[(window * T + t) * PHASES + phase] = height * (1 - Math.abs(d) / 4f);
      }
    }
  }

  private static Map<String, Double> evaluate(Map<String, Double> calibration) {
    float[] predictions = new float[ARRIVALS.length * T * PHASES];
    bump(predictions, 0, 0, 40, 0.9f);   // P: exactly 10 samples late, the tolerance's edge: a true positive
    bump(predictions, 0, 1, 71, 0.8f);   // S: 11 late, past it: a false positive and a false negative
    bump(predictions, 1, 0, 45, 0.6f);   // P: two picks within one tolerance window of 50: -5 ...
    bump(predictions, 1, 0, 52, 0.7f);   // ... and +2, the closer: one true, one false positive
    bump(predictions, 1, 1, 80, 0.5f);   // S without an S arrival: a false positive
    bump(predictions, 2, 0, 50, 0.29f);  // below the threshold: no pick
    float[] detection = new float[ARRIVALS.length * T];
    for (int t = 30; t < 90; t++) {
      detection[t] = 0.9f;                 // window 0: 60 of its 70 labelled samples (30..99)
    }
    for (int t = 0; t < 10; t++) {
      detection[2 * T + t] = 0.5f;         // window 2: 10 samples without an event
    }
    PickEvaluator evaluator = new PickEvaluator(config(), T, 1, calibration);
    evaluator.add(new EvaluationBatch(new float[ARRIVALS.length * T], predictions, targets(),
        Map.of(PickHead.DETECTION, detection), ARRIVALS.length));
    return evaluator.metrics();
  }

  @Test
  void countsTruePositivesAtTheToleranceEdgeAndOneOfTwoPicksInATolerance() {
    Map<String, Double> m = evaluate(Map.of());
    // P: true positives at +10 (window 0) and +2 (window 1); the -5 pick is a false positive; window 3 is missed.
    assertEquals(2.0 / 3, m.get("p_precision"), 1e-12);
    assertEquals(2.0 / 3, m.get("p_recall"), 1e-12);
    assertEquals(2.0 / 3, m.get("p_f1"), 1e-12);
    assertEquals(6, m.get("p_residual_mean"), 1e-12);
    assertEquals(4, m.get("p_residual_std"), 1e-12, "population standard deviation of +10 and +2");
    assertEquals(6, m.get("p_residual_mae"), 1e-12);
    assertEquals(0.06, m.get("p_residual_mean_s"), 1e-12);
    assertEquals(0.04, m.get("p_residual_std_s"), 1e-12);
    // S: two false positives (11 late, and where no S is), one false negative, no true positive.
    assertEquals(0, m.get("s_precision"));
    assertEquals(0, m.get("s_recall"));
    assertEquals(0, m.get("s_f1"));
    assertTrue(m.get("s_residual_mae").isNaN());
    // Detection spans: window 0 30..99 (S + 1.4 (S - P) = 102, cut at the end), windows 1 and 3 from P to the end.
    assertEquals(60.0 / 70, m.get("det_precision"), 1e-12);
    assertEquals(60.0 / 200, m.get("det_recall"), 1e-12);
    assertEquals(0.3, m.get("threshold"));
    assertTrue(m.get("median_p_f1").isNaN(), "no training medians in a validation pass");
  }

  @Test
  void theMedianBaselinePicksEveryWindowAtTheTrainingMedians() {
    Map<String, Double> m = evaluate(Map.of("p_median_arrival", 35.0, "s_median_arrival", 60.0,
        "s_median_gap", 30.0));
    // P at 35: window 0 (+5) a hit; windows 1 and 3 15 off (miss and false pick); window 2 a false pick.
    assertEquals(1.0 / 4, m.get("median_p_precision"), 1e-12);
    assertEquals(1.0 / 3, m.get("median_p_recall"), 1e-12);
    assertEquals(5, m.get("median_p_residual_mean"), 1e-12);
    // S at 60: window 0 exact, three false picks.
    assertEquals(1.0 / 4, m.get("median_s_precision"), 1e-12);
    assertEquals(1.0, m.get("median_s_recall"), 1e-12);
    // The silent inputs never trigger STA/LTA: no picks, every arrival missed.
    assertEquals(0, m.get("stalta_p_recall"));
    assertEquals(0, m.get("stalta_det_recall"));
  }

  @Test
  void aPeakIsTheHighestSampleOfEachRunAtOrAboveTheThreshold() {
    float[] trace = {0.1f, 0.3f, 0.5f, 0.5f, 0.2f, 0.4f, 0.9f};
    List<ProbabilityPeaks.Peak> peaks = ProbabilityPeaks.find(trace, 0, trace.length, 1, 0.3f);
    assertEquals(List.of(new ProbabilityPeaks.Peak(2, 0.5f), new ProbabilityPeaks.Peak(6, 0.9f)), peaks,
        "the first of equal highest samples; a run reaching the end counts");
  }

  @Test
  void staLtaTriggersTwoSamplesIntoAStepInEnergy() {
    // 3 channels of +-0.1 then, from sample 700, +-1: sta 50, lta 500 samples at 100 Hz. The ratio
    // 10 (k + 0.01 (50 - k)) / (k + 0.01 (500 - k)) reaches 3 at k = 2 samples of signal, t = 701.
    int length = 1000;
    float[] inputs = new float[length * 3];
    for (int t = 0; t < length; t++) {
      float amplitude = t < 700 ? 0.1f : 1f;
      for (int c = 0; c < 3; c++) {
        inputs[t * 3 + c] = (t % 2 == 0 ? 1 : -1) * amplitude;
      }
    }
    double[] ratio = new StaLtaTrigger(100).ratio(inputs, 0, length, 3);
    assertEquals(0, ratio[98], "0 until twice the short window");
    assertEquals(1, ratio[300], 1e-9, "steady noise: the long window holding what came before");
    assertEquals(701, StaLtaTrigger.onset(ratio));
    int[] span = StaLtaTrigger.span(ratio);
    assertEquals(701, span[0]);
    assertTrue(span[1] > 750, "on while the short window's energy stays high: " + span[1]);
  }

  @Test
  void detectionSpansRunFromTheFirstArrivalToTheCoda() {
    assertEquals(List.of(30, 72), toList(PickLabels.detectionSpan(new int[] {30, 50}, 100, 1.1f)));
    assertEquals(List.of(50, 99), toList(PickLabels.detectionSpan(new int[] {50, -1}, 100, 1.4f)));
    assertEquals(List.of(40, 99), toList(PickLabels.detectionSpan(new int[] {-1, 40}, 100, 1.4f)));
    assertEquals(null, PickLabels.detectionSpan(new int[] {-1, -1}, 100, 1.4f));
  }

  private static List<Integer> toList(int[] span) {
    return List.of(span[0], span[1]);
  }
}
