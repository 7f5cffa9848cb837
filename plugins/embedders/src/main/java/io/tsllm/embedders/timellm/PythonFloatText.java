package io.tsllm.embedders.timellm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A number as Python's {@code str(float)} writes it, which is how Time-LLM puts statistics into its prompt: the
 * shortest decimal that reads back as the same double, fixed notation with at least one decimal ({@code 1.0},
 * {@code -0.25}) for exponents from -4 up to 15, else scientific with a signed two-digit exponent ({@code 1e-05},
 * {@code 1.5e+16}). Java's own {@code Double.toString} differs (E notation from 1e7, longer digits at times).
 */
final class PythonFloatText {

  private PythonFloatText() {}

  static String of(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return (1 / value) < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(value);
    String digits = shortest.unscaledValue().abs().toString().replaceAll("0+$", "");
    if (digits.isEmpty()) {
      digits = "0";
    }
    // The decimal exponent of the first digit: value = d.ddd x 10^exponent.
    int exponent = shortest.precision() - shortest.scale() - 1;
    String sign = value < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      return sign + fixed(digits, exponent);
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
  }

  /** The fewest significant digits that read back as {@code value}. */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision));
      if (rounded.doubleValue() == value) {
        return rounded;
      }
    }
    return exact.round(new MathContext(17));
  }

  private static String fixed(String digits, int exponent) {
    if (exponent < 0) {
      return "0." + "0".repeat(-exponent - 1) + digits;
    }
    if (digits.length() <= exponent + 1) {
      return digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
    }
    return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
  }
}
