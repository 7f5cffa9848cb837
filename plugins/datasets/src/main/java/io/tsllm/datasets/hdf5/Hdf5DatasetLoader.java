package io.tsllm.datasets.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.DataException;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.MissingDataFile;
import io.tsllm.spi.SeededShuffle;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads seismic-style waveforms from HDF5 through jhdf: a {@code [traces, samples, channels]} dataset or STEAD's
 * group of {@code [samples, channels]} datasets, and per-trace targets (values for regression, class indices, or
 * pick samples turned into per-sample labels). Traces are shuffled with a seed and split by ratio; each window is
 * read from the file when asked for.
 */
public final class Hdf5DatasetLoader implements DatasetLoader<Hdf5DatasetConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(Hdf5DatasetLoader.class);

  @Override
  public String name() {
    return "hdf5";
  }

  @Override
  public Class<Hdf5DatasetConfig> configType() {
    return Hdf5DatasetConfig.class;
  }

  @Override
  public String description() {
    return "HDF5 waveforms [N, T, C] (jhdf) with per-trace values, class labels or phase picks (STEAD/DiTing style)";
  }

  @Override
  public io.tsllm.spi.Dataset load(Hdf5DatasetConfig config, DataContext context) {
    Path file = context.resolve(config.path());
    if (!Files.isRegularFile(file)) {
      throw MissingDataFile.of(file, "does not exist (data.path)");
    }
    HdfFile hdf;
    try {
      hdf = new HdfFile(file);
    } catch (HdfException | IllegalArgumentException e) {
      throw new DataException(file, null, "is not a readable HDF5 file: " + e.getMessage());
    }
    try {
      TraceSource waveforms = TraceSource.open(node(hdf, file, config.waveforms(), "data.waveforms"), file);
      return assemble(config, waveforms, (references, finite) -> columns(hdf, waveforms, file, references,
          waveforms.traces(), finite), file, "'" + config.waveforms() + "'", hdf, List.of(file),
          Map.of("waveforms", config.waveforms()));
    } catch (RuntimeException e) {
      hdf.close();
      if (e instanceof HdfException) {
        throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /**
   * The dataset of {@code waveforms} for {@code config}'s task: targets read through {@code columns}, traces cut,
   * left out, shuffled, split and scaled; {@code resource} closes with the dataset.
   *
   * @param file the file messages name
   * @param where how messages name the waveforms ({@code '/data'})
   * @param sources every file the data comes from (the run's data fingerprint)
   */
  static io.tsllm.spi.Dataset assemble(TraceTask config, TraceSource waveforms, TraceTask.ColumnReader columns,
      Path file, String where, AutoCloseable resource, List<Path> sources, Map<String, Object> about) {
    int traces = waveforms.traces();
    float[] cropStarts = null;
    if (config.cropAt() != null) {
      cropStarts = columns.read(List.of(config.cropAt()), false)[0];
      for (int i = 0; i < traces; i++) {
        cropStarts[i] = Float.isFinite(cropStarts[i]) ? Math.round(cropStarts[i]) - config.samplesBeforeCrop()
            : Float.NaN;
      }
      waveforms = new CroppedTraces(waveforms, cropStarts, config.cropLength());
    }
    int samples = waveforms.samples();
    int channels = waveforms.channels();
    List<String> channelNames = config.channelNames();
    if (channelNames == null) {
      channelNames = new ArrayList<>();
      for (int c = 0; c < channels; c++) {
        channelNames.add("c" + c);
      }
    } else if (channelNames.size() != channels) {
      throw new DataException(file, where, "has " + channels + " channels; "
          + "data.channel_names names " + channelNames.size());
    }
    int[] usable = all(traces);
    WindowShape shape;
    TraceTargets targets;
    List<String> references;
    if (config.values() != null) {
      references = config.values();
      shape = WindowShape.values(samples, channelNames,
          references.stream().map(Hdf5DatasetLoader::shortName).toList());
      float[][] values = columns.read(references, !config.skipMissingTargets());
      usable = finiteIn(values, traces);
      targets = TraceTargets.perTrace(values);
    } else if (config.labels() != null) {
      references = List.of(config.labels());
      float[] labels = columns.read(references, !config.skipMissingTargets())[0];
      usable = finiteIn(new float[][] {labels}, traces);
      labels = zeroWhereMissing(labels);
      List<String> classes = classes(labels, config.classNames(), file, config.labels());
      shape = new WindowShape(samples, channels, 1, 1, channelNames, classes);
      targets = TraceTargets.perTrace(new float[][] {labels});
    } else {
      references = config.picks();
      shape = WindowShape.stepLabels(samples, channelNames, config.pickNames() != null ? config.pickNames()
          : references.stream().map(Hdf5DatasetLoader::shortName).toList());
      float[][] picks = columns.read(references, false);
      if (cropStarts != null) {
        for (float[] column : picks) {
          for (int i = 0; i < traces; i++) {
            column[i] -= cropStarts[i];
          }
        }
      }
      targets = TraceTargets.picks(picks, samples, config.pickSigma());
    }
    if (cropStarts != null) {
      float[] starts = cropStarts;
      usable = Arrays.stream(usable).filter(t -> Float.isFinite(starts[t])).toArray();
    }
    int[] order = SeededShuffle.shuffled(usable, config.splitSeed());
    int kept = order.length;
    if (kept < traces) {
      LOG.info("{}: {} of {} traces have no value for {}{} and are left out", file, traces - kept, traces,
          references, config.cropAt() != null ? " or " + config.cropAt() + " (data.crop_at)" : "");
    }
    int trainCount = (int) (kept * config.trainRatio());
    int testCount = (int) (kept * config.testRatio());
    int validationCount = kept - trainCount - testCount;
    if (trainCount < 1 || validationCount < 1 || testCount < 1) {
      throw new DataException(file, where, "has " + kept + " usable traces, too few"
          + " for a train/validation/test split of " + trainCount + "/" + validationCount + "/" + testCount);
    }
    int[] train = Arrays.copyOfRange(order, 0, trainCount);
    int[] validation = Arrays.copyOfRange(order, trainCount, trainCount + validationCount);
    int[] test = Arrays.copyOfRange(order, trainCount + validationCount, kept);

    ChannelScaler scaler = config.scale() ? fit(waveforms, train, file) : null;
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("file", file.toString());
    description.putAll(about);
    description.put("shape", List.of(traces, samples, channels));
    description.put("targets", references);
    description.put("traces", Map.of("train", train.length, "validation", validation.length, "test", test.length,
        "left_out", traces - kept));
    if (scaler != null) {
      description.put("scaler_mean", scaler.mean());
      description.put("scaler_scale", scaler.scale());
    }
    return new Hdf5Dataset(resource, shape,
        new TraceWindows(waveforms, train, scaler, targets, file),
        new TraceWindows(waveforms, validation, scaler, targets, file),
        new TraceWindows(waveforms, test, scaler, targets, file),
        Optional.ofNullable(scaler), sources, description);
  }

  private static Node node(HdfFile hdf, Path file, String path, String field) {
    try {
      return hdf.getByPath(path);
    } catch (HdfException e) {
      throw new DataException(file, "dataset '" + path + "'", "does not exist (" + field + "); the file's root holds "
          + hdf.getChildren().keySet());
    }
  }

  private static Dataset dataset(HdfFile hdf, Path file, String path, String field) {
    if (!(node(hdf, file, path, field) instanceof Dataset dataset)) {
      throw new DataException(file, "'" + path + "'", "is a group, not a dataset (" + field + ")");
    }
    return dataset;
  }

  /** One float per trace for each reference: a dataset path, or {@code @name} for an attribute of the waveforms. */
  private static float[][] columns(HdfFile hdf, TraceSource waveforms, Path file, List<String> references,
      int traces,
      boolean finite) {
    float[][] columns = new float[references.size()][];
    for (int k = 0; k < columns.length; k++) {
      String reference = references.get(k);
      Object data;
      int size;
      if (reference.startsWith("@")) {
        float[] values = waveforms.attribute(reference.substring(1), file);
        data = values;
        size = values.length;
      } else {
        Dataset dataset = dataset(hdf, file, reference, "a target reference");
        data = dataset.getData();
        size = (int) dataset.getSize();
      }
      if (size != traces) {
        throw new DataException(file, "'" + reference + "'", "holds " + size + " values; expected one per trace ("
            + traces + ")");
      }
      float[] column = NumericArrays.flatten(data, size);
      if (column == null) {
        throw new DataException(file, "'" + reference + "'", "does not hold numbers");
      }
      for (int i = 0; finite && i < column.length; i++) {
        if (!Float.isFinite(column[i])) {
          throw new DataException(file, "'" + reference + "', trace " + i, "is " + column[i]
              + "; targets must be finite");
        }
      }
      columns[k] = column;
    }
    return columns;
  }

  private static List<String> classes(float[] labels, List<String> names, Path file, String reference) {
    int max = -1;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] != Math.rint(labels[i])) {
        throw new DataException(file, "'" + reference + "', trace " + i, "is " + labels[i]
            + "; class labels are indices 0, 1, ...");
      }
      max = Math.max(max, (int) labels[i]);
    }
    if (names != null) {
      if (names.size() <= max) {
        throw new DataException(file, "'" + reference + "'", "has label " + max + " but data.class_names lists "
            + names.size() + " classes " + names);
      }
      return names;
    }
    List<String> classes = new ArrayList<>();
    for (int c = 0; c <= max; c++) {
      classes.add(Integer.toString(c));
    }
    return classes;
  }

  /** Per-channel mean and population standard deviation over the training traces, read one at a time. */
  /** Standard scaling over every training trace, read once; a non-finite sample is refused, naming its trace. */
  private static ChannelScaler fit(TraceSource waveforms, int[] train, Path file) {
    int channels = waveforms.channels();
    double[] sum = new double[channels];
    double[] squares = new double[channels];
    for (int trace : train) {
      float[] values = waveforms.read(trace);
      for (int i = 0; i < values.length; i++) {
        if (!Float.isFinite(values[i])) {
          throw new DataException(file, "trace " + trace + ", sample " + i / channels + ", channel " + i % channels,
              "holds " + values[i] + "; waveforms must be finite numbers");
        }
        sum[i % channels] += values[i];
        squares[i % channels] += (double) values[i] * values[i];
      }
    }
    double n = (double) train.length * waveforms.samples();
    double[] mean = new double[channels];
    double[] scale = new double[channels];
    for (int c = 0; c < channels; c++) {
      mean[c] = sum[c] / n;
      double std = Math.sqrt(Math.max(0, squares[c] / n - mean[c] * mean[c]));
      scale[c] = std == 0 ? 1 : std;
    }
    return new ChannelScaler(mean, scale);
  }

  private static int[] all(int traces) {
    int[] indices = new int[traces];
    for (int i = 0; i < traces; i++) {
      indices[i] = i;
    }
    return indices;
  }

  /** The traces whose every value is finite. */
  private static int[] finiteIn(float[][] columns, int traces) {
    return java.util.stream.IntStream.range(0, traces)
        .filter(t -> Arrays.stream(columns).allMatch(c -> Float.isFinite(c[t]))).toArray();
  }

  private static float[] zeroWhereMissing(float[] labels) {
    float[] out = labels.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.isFinite(out[i]) ? out[i] : 0;
    }
    return out;
  }


  private static String shortName(String reference) {
    String name = reference.startsWith("@") ? reference.substring(1) : reference;
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private record Hdf5Dataset(
      AutoCloseable resource,
      WindowShape shape,
      WindowSplit train,
      WindowSplit validation,
      WindowSplit test,
      Optional<ChannelScaler> scaler,
      List<Path> sourceFiles,
      Map<String, Object> describe)
      implements io.tsllm.spi.Dataset, AutoCloseable {

    @Override
    public void close() {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close " + sourceFiles, e);
      }
    }
  }
}
