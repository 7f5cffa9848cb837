package io.tsllm.spi;

/**
 * A value a head's {@link Head#calibrator() calibrator} measures on the training split with the trained model
 * (for example an anomaly threshold at a percentile of the training scores).
 *
 * @param name the key in the calibrator's metrics; the test evaluator receives it in its calibration map
 * @param description one line for listings and reports
 */
public record CalibrationValue(String name, String description) {

  public CalibrationValue {
    OutputSpec.requireName(name, "calibration value name");
    description = description == null ? "" : description;
  }
}
