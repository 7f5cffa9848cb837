package io.tsllm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.spi.MetricSpec.Direction;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Figures the framework prints read the same whatever the JVM's default locale: a German or French default would
 * write {@code 0,3704}, which no script that parses the output expects.
 */
class LocaleIndependentTextTest {

  private Locale before;

  @BeforeEach
  void germanDefault() {
    before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
  }

  @AfterEach
  void restore() {
    Locale.setDefault(before);
  }

  @Test
  void keyMetricsUseADecimalPoint() {
    KeyMetric mse = new KeyMetric("mse", Direction.LOWER_IS_BETTER, 0.37041, Map.of("naive", 1.29437), true);

    assertEquals("mse 0.3704 (naive 1.2944)", mse.format());
  }
}
