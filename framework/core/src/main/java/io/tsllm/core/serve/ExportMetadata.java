package io.tsllm.core.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.OutputSpec;
import io.tsllm.spi.TargetKind;
import io.tsllm.spi.WindowShape;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tsllm.json} beside an export's SavedModel files (TensorFlow ignores it): what the model is, so that
 * {@code predict} and {@code evaluate} can serve it from the export alone. The window and channel names, and each
 * output of the {@code serving_default} signature with the role its head declared, its input channels and, for a
 * flagged step score, the threshold it was tested with.
 *
 * @param head the head plugin that made the model (recorded, never dispatched on)
 * @param timestampColumn the training data's timestamp column, which {@code predict} expects by default; null when
 *     the data had none
 * @param calibration what the head measured on the training split
 * @param hostInputs the further inputs the signature takes, computed on the host by the embedder (Time-LLM's
 *     tokenized prompt); null when it takes only the windows
 */
public record ExportMetadata(
    String head,
    TargetKind targetKind,
    int inputLength,
    List<String> channelNames,
    String timestampColumn,
    int targetLength,
    List<String> targetNames,
    List<String> classes,
    List<ExportedOutput> outputs,
    Map<String, Double> calibration,
    @JsonInclude(JsonInclude.Include.NON_NULL) ExportedHostInputs hostInputs) {

  public ExportMetadata {
    channelNames = List.copyOf(channelNames);
    targetNames = List.copyOf(targetNames);
    classes = List.copyOf(classes);
    outputs = List.copyOf(outputs);
    calibration = calibration == null ? Map.of() : Map.copyOf(calibration);
  }

  /**
   * The signature's host inputs, and how to compute them again: the embedder plugin, its resolved config and the
   * folder its relative paths start from. {@code predict} and {@code evaluate} rebuild them through the plugin.
   *
   * @param names the inputs' names in the signature
   */
  public record ExportedHostInputs(String embedder, JsonNode config, String baseFolder, List<String> names) {}

  /**
   * One output of the signature.
   *
   * @param firstChannel the first input channel the output holds (roles with channels), else null
   * @param channelCount how many input channels it holds, else null
   * @param flagColumn for a flagged step score, the name of its 0/1 column in {@code predict}'s output
   * @param threshold for a flagged step score, the threshold it was tested with
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExportedOutput(
      String name, OutputRole role, Integer firstChannel, Integer channelCount, String flagColumn, Double threshold) {

    public Optional<ChannelSpan> channels() {
      return firstChannel == null ? Optional.empty() : Optional.of(new ChannelSpan(firstChannel, channelCount));
    }
  }

  /**
   * @param testMetrics the test evaluator's metrics, where flagged outputs find their thresholds
   */
  public static ExportMetadata of(String head, WindowShape shape, Optional<String> timestampColumn,
      HeadContract contract, Map<String, Double> calibration, Map<String, Double> testMetrics,
      ExportedHostInputs hostInputs) {
    List<ExportedOutput> outputs = contract.allOutputs().stream().map(spec -> exported(spec, testMetrics)).toList();
    return new ExportMetadata(head, shape.targetKind(), shape.inputLength(), shape.channelNames(),
        timestampColumn.orElse(null), shape.targetLength(), shape.targetNames(), shape.classes(), outputs,
        calibration, hostInputs);
  }

  private static ExportedOutput exported(OutputSpec spec, Map<String, Double> testMetrics) {
    return new ExportedOutput(spec.name(), spec.role(), spec.channels().map(ChannelSpan::first).orElse(null),
        spec.channels().map(ChannelSpan::count).orElse(null),
        spec.flag().map(f -> f.column()).orElse(null),
        spec.flag().map(f -> testMetrics.get(f.thresholdMetric())).orElse(null));
  }

  public int channels() {
    return channelNames.size();
  }

  /** The main output, {@value OutputSpec#PREDICTION}. */
  public ExportedOutput prediction() {
    return output(OutputSpec.PREDICTION).orElseThrow();
  }

  public Optional<ExportedOutput> output(String name) {
    return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  /** Whether a served model fills the blanks of its input (and so accepts missing values). */
  public boolean fillsMissingValues() {
    return outputs.stream().anyMatch(o -> o.role() == OutputRole.FILLED_SERIES);
  }

  /** The names of the input channels an output holds. */
  public List<String> channelNames(ExportedOutput output) {
    ChannelSpan span = output.channels().orElseThrow();
    return channelNames.subList(span.first(), span.first() + span.count());
  }
}
