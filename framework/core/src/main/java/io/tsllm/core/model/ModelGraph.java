package io.tsllm.core.model;

import io.tsllm.graph.CrossPluginInputs.HostFeed;
import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.Parameter;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.WindowShape;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * A built model: the graph and the handles the trainer feeds and fetches.
 *
 * @param rawSeries input windows in the data's original units {@code [batch, input_length, channels]}
 * @param series the same windows scaled as the dataset scales them; the trainer feeds this tensor directly
 * @param target targets, laid out as {@code shape} says
 * @param prediction the head's prediction, in scaled units
 * @param predictionOriginal the prediction in the data's original units (unscaled when the targets are the
 *     input's channels; otherwise the same as {@code prediction})
 * @param loss the scalar training loss
 * @param tokenCount tokens per sequence the embedder produced
 * @param sequencesPerWindow token sequences per window (its channels, under channel independence; else 1)
 * @param trainableRoles roles whose parameters train; the others are frozen
 * @param mergeAdapters folds trained adapters into their base weights; null when the model has none
 * @param predictionSize values per sample in {@code prediction} (a forecast's horizon x channels, a classifier's
 *     class probabilities)
 * @param contract what the head declared: the roles of its outputs, its metrics, baselines and calibration
 * @param outputs the head's further outputs by name, fetched in evaluation passes and exported
 * @param outputSizes values per sample of each further output
 * @param trainingUpdates ops to run with every training step (moving statistics)
 * @param hostFeeds the embedder's host inputs ({@link io.tsllm.spi.HostInput}) and their graph inputs, fed with every
 *     run of the model ({@link HostInputTensors})
 */
public record ModelGraph(
    Graph graph,
    WindowShape shape,
    Operand<TFloat32> rawSeries,
    Operand<TFloat32> series,
    Operand<TFloat32> target,
    GraphInputs inputs,
    Operand<TFloat32> prediction,
    Operand<TFloat32> predictionOriginal,
    Operand<TFloat32> loss,
    ParameterRegistry parameters,
    int tokenCount,
    int sequencesPerWindow,
    Set<ParameterRole> trainableRoles,
    Op mergeAdapters,
    int predictionSize,
    HeadContract contract,
    Map<String, Operand<TFloat32>> outputs,
    Map<String, Integer> outputSizes,
    List<Op> trainingUpdates,
    List<HostFeed> hostFeeds) {

  public ModelGraph {
    trainableRoles = Set.copyOf(trainableRoles);
    outputs = Collections.unmodifiableMap(new TreeMap<>(outputs));
    outputSizes = Collections.unmodifiableMap(new TreeMap<>(outputSizes));
    trainingUpdates = List.copyOf(trainingUpdates);
    hostFeeds = List.copyOf(hostFeeds);
  }

  /** The input channels the prediction's last axis holds, when it holds any. */
  public Optional<ChannelSpan> predictionChannels() {
    return contract.prediction().channels();
  }

  /** The parameters that get gradients and optimizer state. */
  public List<Parameter> trainableParameters() {
    return parameters.all().stream().filter(p -> trainableRoles.contains(p.role())).toList();
  }
}
