package io.tsllm.spi;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One output a head declares in its {@link HeadContract}.
 *
 * @param name the output's name: {@value #PREDICTION} for {@link HeadOutput#prediction()}, otherwise the key of
 *     {@link HeadOutput#outputs()}; it becomes the name in the SavedModel's signature
 * @param role what the output is
 * @param channels the input channels the output's last axis holds, for roles that {@link OutputRole#needsChannels()
 *     need them}: the framework turns them into the data's original units in exports
 * @param flag for a step score, how it turns into decisions
 */
public record OutputSpec(String name, OutputRole role, Optional<ChannelSpan> channels, Optional<StepFlag> flag) {

  /** The name of the head's main output, {@link HeadOutput#prediction()}. */
  public static final String PREDICTION = "prediction";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public OutputSpec {
    requireName(name, "output name");
    if (role.needsChannels() != channels.isPresent()) {
      throw new IllegalArgumentException("output '" + name + "' (" + role + ") "
          + (role.needsChannels() ? "must name the input channels it holds" : "holds no input channels"));
    }
    if (flag.isPresent() && role != OutputRole.STEP_SCORE && role != OutputRole.STEP_PROBABILITIES) {
      throw new IllegalArgumentException("output '" + name + "': only a STEP_SCORE or STEP_PROBABILITIES output can"
          + " be flagged");
    }
  }

  /** An output without channels or flag. */
  public static OutputSpec of(String name, OutputRole role) {
    return new OutputSpec(name, role, Optional.empty(), Optional.empty());
  }

  /** An output holding the input channels {@code channels}, e.g. a forecast of the target channels. */
  public static OutputSpec of(String name, OutputRole role, ChannelSpan channels) {
    return new OutputSpec(name, role, Optional.of(channels), Optional.empty());
  }

  /** This step score, flagged above a threshold. */
  public OutputSpec flagged(StepFlag rule) {
    return new OutputSpec(name, role, channels, Optional.of(rule));
  }

  static void requireName(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a " + what + " must be lower_snake_case, got " + name);
    }
  }
}
