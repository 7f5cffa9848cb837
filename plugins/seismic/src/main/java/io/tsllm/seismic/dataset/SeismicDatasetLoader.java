package io.tsllm.seismic.dataset;

import io.tsllm.datasets.series.LoadedDataset;
import io.tsllm.datasets.series.StandardScalerFit;
import io.tsllm.datasets.series.StridedWindows;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads seismic waveforms (MiniSEED, SAC; through seisFile) as one multichannel series: the chosen channels cut to
 * their common time span, sample-aligned; traces of different sample rates are refused rather than resampled.
 * Optional phase picks become per-sample Gaussian labels. Windows with a stride, split by time.
 */
public final class SeismicDatasetLoader implements DatasetLoader<SeismicDatasetConfig> {

  @Override
  public String name() {
    return "seismic";
  }

  @Override
  public Class<SeismicDatasetConfig> configType() {
    return SeismicDatasetConfig.class;
  }

  @Override
  public String description() {
    return "MiniSEED/SAC traces (seisFile) as channels of one series; P/S picks as per-sample labels";
  }

  @Override
  public Dataset load(SeismicDatasetConfig config, DataContext context) {
    SeismicFileReader reader = new SeismicFileReader(config.gaps());
    Map<String, Trace> all = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    for (String name : config.files()) {
      Path file = context.resolve(name);
      files.add(file);
      reader.read(file).forEach((id, trace) -> {
        Trace previous = all.put(id, trace);
        if (previous != null) {
          throw new DataException(file, "channel " + id, "is also in " + previous.file() + "; give each channel once");
        }
      });
    }
    List<Trace> traces = select(all, config.channels(), files.get(0));
    Trace first = traces.get(0);
    for (Trace trace : traces) {
      if (trace.rate() != first.rate()) {
        throw new DataException(trace.file(), "channel " + trace.id(), "has " + trace.rate() + " samples/s, channel "
            + first.id() + " has " + first.rate() + "; traces with different sample rates are not resampled:"
            + " choose channels of one rate (data.channels)");
      }
    }
    Instant start = traces.stream().map(Trace::start).max(Instant::compareTo).orElseThrow();
    Instant end = traces.stream().map(Trace::end).min(Instant::compareTo).orElseThrow();
    if (!end.isAfter(start)) {
      throw new DataException(files.get(0), null, "the channels " + traces.stream().map(Trace::id).toList()
          + " share no time span");
    }
    int width = traces.size();
    long rows = Long.MAX_VALUE;
    long[] offsets = new long[width];
    for (int c = 0; c < width; c++) {
      offsets[c] = traces.get(c).sampleAt(start);
      rows = Math.min(rows, traces.get(c).samples().length - offsets[c]);
    }
    int n = Math.toIntExact(rows);
    float[] values = new float[n * width];
    for (int c = 0; c < width; c++) {
      float[] samples = traces.get(c).samples();
      for (int r = 0; r < n; r++) {
        values[r * width + c] = samples[(int) offsets[c] + r];
      }
    }
    List<String> names = traces.stream().map(Trace::id).toList();
    Map<String, String> picks = config.picks() == null ? Map.of() : config.picks();
    float[] labels = labels(picks, start, first.rate(), n, config.pickSigma());
    int trainEnd = (int) (n * config.trainRatio());
    int testStart = n - (int) (n * config.testRatio());
    int length = config.inputLength();
    int stride = config.stride();
    int[][] borders = {{0, trainEnd}, {trainEnd, testStart}, {testStart, n}};
    String[] splitNames = {"train", "validation", "test"};
    for (int s = 0; s < 3; s++) {
      if (borders[s][1] - borders[s][0] < length) {
        throw new DataException(files.get(0), null, "the " + splitNames[s] + " split has " + (borders[s][1]
            - borders[s][0]) + " samples (of " + n + " common to " + names + "), fewer than one window of "
            + length);
      }
    }
    ChannelScaler scaler = config.scale() ? new StandardScalerFit().fit(values, trainEnd, width)
        : new StandardScalerFit().identity(width);
    float[] scaled = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      scaled[i] = (float) scaler.scale(values[i], i % width);
    }
    int labelWidth = picks.size();
    WindowSplit[] splits = new WindowSplit[3];
    for (int s = 0; s < 3; s++) {
      splits[s] = new StridedWindows(scaled, labels, width, labelWidth, borders[s][0], borders[s][1], length, stride);
    }
    WindowShape shape = picks.isEmpty() ? WindowShape.inputOnly(length, names)
        : WindowShape.stepLabels(length, names, List.copyOf(picks.keySet()));
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("files", files.stream().map(Path::toString).toList());
    description.put("channels", names);
    description.put("sample_rate", first.rate());
    description.put("start", start.toString());
    description.put("samples", n);
    description.put("picks", picks);
    description.put("windows", Map.of("train", splits[0].size(), "validation", splits[1].size(), "test",
        splits[2].size()));
    description.put("scaler_mean", scaler.mean());
    description.put("scaler_scale", scaler.scale());
    return new LoadedDataset(shape, splits[0], splits[1], splits[2],
        config.scale() ? Optional.of(scaler) : Optional.empty(), List.copyOf(files), description);
  }

  private static List<Trace> select(Map<String, Trace> all, List<String> wanted, Path file) {
    if (wanted == null) {
      return List.copyOf(all.values());
    }
    List<Trace> chosen = new ArrayList<>();
    for (String name : wanted) {
      List<Trace> matches = all.values().stream()
          .filter(t -> t.id().equals(name) || t.id().endsWith("." + name)).toList();
      if (matches.size() != 1) {
        throw new DataException(file, "data.channels", (matches.isEmpty() ? "no channel matches '" + name + "'"
            : "'" + name + "' matches several channels " + matches.stream().map(Trace::id).toList())
            + "; the files hold " + all.keySet());
      }
      chosen.add(matches.get(0));
    }
    return chosen;
  }

  /** {@code [rows, picks]}: a Gaussian of width {@code sigma} samples around each pick, peak 1. */
  private static float[] labels(Map<String, String> picks, Instant start, double rate, int rows, double sigma) {
    int k = picks.size();
    float[] labels = new float[rows * k];
    int c = 0;
    for (String time : picks.values()) {
      double at = java.time.Duration.between(start, Instant.parse(time)).toNanos() / 1e9 * rate;
      for (int r = 0; r < rows; r++) {
        double d = r - at;
        labels[r * k + c] = sigma == 0 ? (Math.abs(d) < 0.5 ? 1 : 0) : (float) Math.exp(-d * d / (2 * sigma * sigma));
      }
      c++;
    }
    return labels;
  }
}
