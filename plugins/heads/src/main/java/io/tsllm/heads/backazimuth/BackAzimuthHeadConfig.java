package io.tsllm.heads.backazimuth;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code backazimuth} head.
 */
public record BackAzimuthHeadConfig(
    @JsonPropertyDescription("the unit of the target angle and of the prediction: degrees (STEAD's"
        + " back_azimuth_deg) or radians")
    String unit)
    implements PluginConfig {

  static final List<String> UNITS = List.of("degrees", "radians");

  public BackAzimuthHeadConfig {
    unit = unit == null ? "degrees" : unit;
  }

  /** Degrees per unit of the target. */
  double degreesPerUnit() {
    return "radians".equals(unit) ? 180 / Math.PI : 1;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(UNITS.contains(unit), "unit", unit, "one of " + UNITS);
  }
}
