package io.tsllm.heads.pick;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.ProbabilityPeaks;
import io.tsllm.spi.ProbabilityPeaks.Peak;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picking and detection metrics of the model and of two baselines over a split: per phase precision, recall, F1
 * and onset residuals ({@link PhaseScore}; a pick is the peak of each run of probabilities at or above the
 * threshold), detection sample by sample ({@link DetectionScore}). Baselines: {@code stalta_}, the classic STA/LTA
 * trigger ({@link StaLtaTrigger}) picking the first phase at its onset and each later phase at the onset plus the
 * training split's median gap, detecting while it is on; {@code median_}, every window picked at the training
 * split's median arrival of each phase. Baselines that need the training split's medians are NaN without them
 * (validation passes).
 */
final class PickEvaluator implements Evaluator {

  static final String THRESHOLD = "threshold";

  private final PickHeadConfig config;
  private final int length;
  private final int channels;
  private final Map<String, Double> calibration;
  private final StaLtaTrigger trigger;
  private final Scores model;
  private final Scores staLta;
  private final Scores median;

  PickEvaluator(PickHeadConfig config, int length, int channels, Map<String, Double> calibration) {
    this.config = config;
    this.length = length;
    this.channels = channels;
    this.calibration = Map.copyOf(calibration);
    this.trigger = new StaLtaTrigger(config.samplingRate());
    this.model = new Scores(config);
    this.staLta = new Scores(config);
    this.median = new Scores(config);
  }

  @Override
  public void add(EvaluationBatch batch) {
    int phases = config.phases().size();
    float threshold = config.threshold().floatValue();
    float[] detection = config.detection() ? batch.output(PickHead.DETECTION) : null;
    int[] medianPicks = new int[phases];
    for (int c = 0; c < phases; c++) {
      medianPicks[c] = sample(calibration.get(ArrivalCalibrator.arrivalKey(config, c)));
    }
    int[] medianSpan = PickLabels.detectionSpan(medianPicks, length, config.codaFactor().floatValue());
    for (int s = 0; s < batch.count(); s++) {
      int offset = s * length * phases;
      int[] arrivals = new int[phases];
      for (int c = 0; c < phases; c++) {
        arrivals[c] = PickLabels.arrival(batch.targets(), offset, length, phases, c);
      }
      int[] span = PickLabels.detectionSpan(arrivals, length, config.codaFactor().floatValue());
      double[] ratio = trigger.ratio(batch.inputs(), s * length * channels, length, channels);
      int onset = StaLtaTrigger.onset(ratio);
      for (int c = 0; c < phases; c++) {
        model.phases[c].add(arrivals[c], ProbabilityPeaks.find(batch.predictions(), offset + c, length, phases,
            threshold));
        int staLtaPick = c == 0 ? onset
            : onset < 0 ? -1 : plus(onset, calibration.get(ArrivalCalibrator.gapKey(config, c)));
        staLta.phases[c].add(arrivals[c], single(staLtaPick));
        median.phases[c].add(arrivals[c], single(medianPicks[c]));
      }
      if (detection != null) {
        int[] staLtaSpan = StaLtaTrigger.span(ratio);
        for (int t = 0; t < length; t++) {
          boolean labelled = inside(span, t);
          model.detection.add(detection[s * length + t] >= threshold, labelled);
          staLta.detection.add(inside(staLtaSpan, t), labelled);
          median.detection.add(inside(medianSpan, t), labelled);
        }
      }
    }
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>(model.metrics("", false, false));
    metrics.put(THRESHOLD, config.threshold());
    boolean calibrated = calibration.keySet().containsAll(new ArrivalCalibrator(config, length).metrics().keySet());
    metrics.putAll(staLta.metrics("stalta_", !calibrated, false));
    metrics.putAll(median.metrics("median_", !calibrated, !calibrated));
    return metrics;
  }

  private int sample(Double value) {
    return value == null || !Double.isFinite(value) ? -1 : (int) Math.round(value);
  }

  private static int plus(int onset, Double gap) {
    return gap == null || !Double.isFinite(gap) ? -1 : onset + (int) Math.round(gap);
  }

  private List<Peak> single(int pick) {
    return pick >= 0 && pick < length ? List.of(new Peak(pick, 1f)) : List.of();
  }

  private static boolean inside(int[] span, int t) {
    return span != null && t >= span[0] && t <= span[1];
  }

  /** The scores of one picker: one per phase and detection. */
  private static final class Scores {

    private final PickHeadConfig config;
    private final PhaseScore[] phases;
    private final DetectionScore detection = new DetectionScore();

    Scores(PickHeadConfig config) {
      this.config = config;
      this.phases = new PhaseScore[config.phases().size()];
      for (int c = 0; c < phases.length; c++) {
        phases[c] = new PhaseScore(config.toleranceSamples());
      }
    }

    /**
     * @param laterPhasesUndefined report phases after the first as NaN
     * @param allUndefined report every metric as NaN
     */
    Map<String, Double> metrics(String prefix, boolean laterPhasesUndefined, boolean allUndefined) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int c = 0; c < phases.length; c++) {
        boolean undefined = allUndefined || laterPhasesUndefined && c > 0;
        phases[c].metrics(prefix + config.prefix(c), config.samplingRate())
            .forEach((k, v) -> metrics.put(k, undefined ? Double.NaN : v));
      }
      if (config.detection()) {
        detection.metrics(prefix).forEach((k, v) -> metrics.put(k, allUndefined ? Double.NaN : v));
      }
      return metrics;
    }
  }
}
