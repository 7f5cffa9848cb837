package io.tsllm.core.serve.picking;

import com.fasterxml.jackson.databind.JsonNode;
import io.tsllm.core.UserInputException;
import io.tsllm.core.io.AtomicFiles;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.run.RunDirectory;
import io.tsllm.core.serve.ExportMetadata;
import io.tsllm.core.serve.ExportMetadata.ExportedOutput;
import io.tsllm.core.serve.SavedModelExport;
import io.tsllm.core.serve.ServedModel;
import io.tsllm.spi.CsvRowWriter;
import io.tsllm.spi.DataException;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.ProbabilityPeaks;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks a continuous record (one station's channels in MiniSEED or SAC files, any length) with an exported picking
 * model, as SeisBench's {@code annotate}/{@code classify} do: windows of the model's length slide with an overlap,
 * their probabilities are stitched ({@link ProbabilityStitcher}), and each run of a phase's probability at or above
 * the threshold the model was tested with gives a pick at its peak. It streams: the record is read record by
 * record and holds one window of input, a batch of windows and one window of probabilities at a time, whatever its
 * length. Picks are written as CSV ({@code station,phase,time,probability}, UTC), optionally the probability traces
 * as MiniSEED, each through a temporary file renamed when complete.
 */
public final class ContinuousPicking {

  /** Windows per call of the model. */
  static final int BATCH = 8;

  private final JsonRecords records;

  @Inject
  public ContinuousPicking(JsonRecords records) {
    this.records = records;
  }

  /**
   * @param inputs the record's files (MiniSEED with the station's channels, or one SAC file per channel)
   * @param channels the input channel ids ({@code NET.STA.LOC.CHA}) in the model's channel order; empty to match
   *     them by the model's channel names (a channel whose code ends with the name: HHZ for Z)
   * @param overlap samples shared by consecutive windows; null for half a window
   * @param stacking {@code avg} or {@code max} where windows overlap
   * @param modelRate the sampling rate the model was trained at; null for the run config's {@code
   *     head.sampling_rate} (when the model is a run folder that records one). A record at another rate is
   *     resampled to it ({@link ResampledStream})
   */
  public record Options(List<Path> inputs, Path picks, Optional<Path> probabilities, List<String> channels,
      Integer overlap, String stacking, Double modelRate) {}

  /** What was picked. */
  /**
   * @param rate the rate the record was picked at
   * @param recordRate the record's own rate (another when it was resampled to the model's)
   */
  public record Summary(String station, List<String> channels, Instant start, Instant end, double rate,
      double recordRate, long samples, int windows, Map<String, Integer> picks, long gapSamples) {}

  /** Whether {@code file} is read as a seismic record rather than a CSV series. */
  public static boolean isSeismic(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".mseed") || name.endsWith(".miniseed") || name.endsWith(".ms") || name.endsWith(".sac");
  }

  public Summary pick(Path model, Options options) {
    ExportMetadata metadata = ServedModel.describe(model, records);
    ExportedOutput prediction = metadata.prediction();
    if (prediction.role() != OutputRole.STEP_PROBABILITIES) {
      throw new UserInputException("the model predicts " + prediction.role() + "; picking a seismic record needs a"
          + " picking model (a head whose prediction is STEP_PROBABILITIES, such as pick)");
    }
    if (prediction.threshold() == null) {
      throw new UserInputException("the model's " + SavedModelExport.METADATA + " records no pick threshold");
    }
    String stacking = options.stacking() == null ? "avg" : options.stacking();
    if (!List.of("avg", "max").contains(stacking)) {
      throw new UserInputException("--stacking: " + stacking + " (expected avg or max)");
    }
    int length = metadata.inputLength();
    int overlap = options.overlap() == null ? length / 2 : options.overlap();
    if (overlap < 0 || overlap >= length) {
      throw new UserInputException("--overlap: " + overlap + " (expected samples in [0, " + length + "), the"
          + " model's windows being " + length + " samples)");
    }
    List<WaveformStream> streams = new ArrayList<>(open(options.inputs(), metadata.channelNames(),
        options.channels() == null ? List.of() : options.channels()));
    double recordRate = streams.get(0).rate();
    Optional<Double> modelRate = Optional.ofNullable(options.modelRate()).or(() -> trainedRate(model));
    if (modelRate.isPresent() && modelRate.get() <= 0) {
      throw new UserInputException("--model-rate: " + modelRate.get() + " (expected Hz > 0)");
    }
    if (modelRate.isPresent() && Math.abs(modelRate.get() - recordRate) > 1e-6 * recordRate) {
      streams.replaceAll(stream -> new ResampledStream(stream, modelRate.get()));
    }
    try {
      return run(model, metadata, streams, options, length, length - overlap, stacking, recordRate);
    } finally {
      streams.forEach(WaveformStream::close);
    }
  }

  private Summary run(Path model, ExportMetadata metadata, List<WaveformStream> streams, Options options, int length,
      int step, String stacking, double recordRate) {
    WaveformStream first = streams.get(0);
    double rate = first.rate();
    Instant start = streams.stream().map(WaveformStream::start).max(Instant::compareTo).orElseThrow();
    for (WaveformStream stream : streams) {
      if (Math.abs(stream.rate() - rate) > 1e-6 * rate) {
        throw new DataException(stream.file(), "channel " + stream.id(), "has " + stream.rate() + " samples/s, "
            + first.id() + " has " + rate + "; the channels must share one rate");
      }
      long lead = Math.round(Duration.between(stream.start(), start).toNanos() / 1e9 * rate);
      if (!stream.skip(lead)) {
        throw new DataException(stream.file(), "channel " + stream.id(), "ends before the other channels begin");
      }
    }
    String station = first.id().substring(0, first.id().lastIndexOf('.'));
    List<String> phases = metadata.targetNames();
    List<ExportedOutput> scores = metadata.outputs().stream().filter(o -> o.role() == OutputRole.STEP_SCORE)
        .toList();
    List<String> traceNames = new ArrayList<>(phases);
    scores.forEach(o -> traceNames.add(o.name()));
    int outputs = traceNames.size();
    float threshold = metadata.prediction().threshold().floatValue();
    int channels = streams.size();
    Map<String, Integer> counts = new LinkedHashMap<>();
    phases.forEach(p -> counts.put(p, 0));

    Path picksTemporary = temporary(options.picks());
    Optional<Path> probabilitiesTemporary = options.probabilities().map(ContinuousPicking::temporary);
    long samples;
    int windows = 0;
    try (ServedModel served = ServedModel.open(model, metadata);
        BufferedWriter csv = Files.newBufferedWriter(picksTemporary, StandardCharsets.UTF_8);
        ProbabilityTraces traces = new ProbabilityTraces(probabilitiesTemporary, station, traceNames, start,
            rate)) {
      csv.write("station,phase,time,probability\n");
      ProbabilityPeaks.Tracker[] trackers = new ProbabilityPeaks.Tracker[phases.size()];
      for (int k = 0; k < trackers.length; k++) {
        trackers[k] = new ProbabilityPeaks.Tracker(threshold);
      }
      ProbabilityStitcher stitcher = new ProbabilityStitcher(length, outputs, stacking, (index, values) -> {
        for (int k = 0; k < trackers.length; k++) {
          String phase = phases.get(k);
          trackers[k].accept(index, values[k]).ifPresent(peak -> {
            write(csv, station, phase, peak, start, rate);
            counts.merge(phase, 1, Integer::sum);
          });
        }
        traces.accept(index, values);
      });
      float[][] history = new float[channels][length];
      long read = fill(streams, history, 0, length);
      if (read < length) {
        throw new DataException(first.file(), "channel " + first.id(), "holds " + read + " samples from the"
            + " channels' common start, fewer than the model's window of " + length + " (" + length / rate + " s)");
      }
      WindowBatch batch = new WindowBatch(served, scores, stitcher, length, channels, phases.size());
      float[][] incoming = new float[channels][step];
      while (true) {
        batch.add(history, read - length);
        windows++;
        int got = shift(streams, history, incoming, length);
        read += got;
        if (got == step) {
          continue;
        }
        if (got > 0) {
          // The record ends inside the next step: a last window aligned to its end covers the rest.
          batch.add(history, read - length);
          windows++;
        }
        break;
      }
      batch.flush();
      stitcher.finish(read);
      for (int k = 0; k < trackers.length; k++) {
        String phase = phases.get(k);
        trackers[k].finish().ifPresent(peak -> {
          write(csv, station, phase, peak, start, rate);
          counts.merge(phase, 1, Integer::sum);
        });
      }
      samples = read;
    } catch (IOException e) {
      deleteQuietly(picksTemporary, probabilitiesTemporary);
      throw new UncheckedIOException("cannot write " + options.picks(), e);
    } catch (RuntimeException e) {
      // Bad input found midway leaves no partial files; earlier results at the targets stay as they were.
      deleteQuietly(picksTemporary, probabilitiesTemporary);
      throw e;
    }
    try {
      AtomicFiles.move(picksTemporary, options.picks());
      if (probabilitiesTemporary.isPresent()) {
        AtomicFiles.move(probabilitiesTemporary.get(), options.probabilities().get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + options.picks(), e);
    }
    long gaps = streams.stream().mapToLong(WaveformStream::gapSamples).sum();
    return new Summary(station, streams.stream().map(WaveformStream::id).toList(), start,
        start.plusNanos(Math.round(samples / rate * 1e9)), rate, recordRate, samples, windows, counts, gaps);
  }

  /** The run config's {@code head.sampling_rate}, when {@code model} is a run folder whose config has one. */
  private Optional<Double> trainedRate(Path model) {
    return records.readIfPresent(model.resolve(RunDirectory.CONFIG),
        JsonNode.class).map(config -> config.path("head").path("sampling_rate"))
        .filter(JsonNode::isNumber).map(JsonNode::asDouble);
  }

  /** Windows gathered for one call of the model, then stitched in order. */
  private static final class WindowBatch {

    private final ServedModel served;
    private final List<ExportedOutput> scores;
    private final ProbabilityStitcher stitcher;
    private final int length;
    private final int channels;
    private final int phases;
    private final float[] inputs;
    private final long[] starts = new long[BATCH];
    private int pending;

    WindowBatch(ServedModel served, List<ExportedOutput> scores, ProbabilityStitcher stitcher, int length,
        int channels, int phases) {
      this.served = served;
      this.scores = scores;
      this.stitcher = stitcher;
      this.length = length;
      this.channels = channels;
      this.phases = phases;
      this.inputs = new float[BATCH * length * channels];
    }

    /** The window {@code history} holds, starting at sample {@code start}. */
    void add(float[][] history, long start) {
      int base = pending * length * channels;
      for (int t = 0; t < length; t++) {
        for (int c = 0; c < channels; c++) {
          inputs[base + t * channels + c] = history[c][t];
        }
      }
      starts[pending++] = start;
      if (pending == BATCH) {
        flush();
      }
    }

    void flush() {
      if (pending == 0) {
        return;
      }
      Map<String, float[]> out = served.call(inputs, pending);
      float[] prediction = out.get(SavedModelExport.OUTPUT);
      int outputs = phases + scores.size();
      float[] window = new float[length * outputs];
      for (int w = 0; w < pending; w++) {
        for (int t = 0; t < length; t++) {
          System.arraycopy(prediction, (w * length + t) * phases, window, t * outputs, phases);
          for (int s = 0; s < scores.size(); s++) {
            window[t * outputs + phases + s] = out.get(scores.get(s).name())[w * length + t];
          }
        }
        stitcher.add(starts[w], window);
      }
      pending = 0;
    }
  }

  private static void write(BufferedWriter csv, String station, String phase, ProbabilityPeaks.Peak peak,
      Instant start, double rate) {
    Instant time = start.plusNanos(Math.round(peak.index() / rate * 1e9));
    try {
      // A station is named by its file when the record has no network and station codes: quoted when it must be.
      csv.write(CsvRowWriter.text(List.of(List.of(station, phase, time.toString(),
          String.format(Locale.ROOT, "%.4f", peak.probability())))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the picks", e);
    }
  }

  /**
   * The record's channels in the model's order: those named by {@code ids}, else for each model channel the one
   * whose channel code ends with its name. All must be one station's.
   */
  static List<WaveformStream> open(List<Path> files, List<String> modelChannels, List<String> ids) {
    Map<String, java.util.function.Supplier<WaveformStream>> available = new LinkedHashMap<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new UserInputException("--input: " + file + " does not exist");
      }
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sac")) {
        SacStream probe = SacStream.open(file);
        String id = probe.id();
        probe.close();
        put(available, id, () -> SacStream.open(file), file);
      } else {
        MiniSeedStream.channels(file).forEach((id, info) -> put(available, id, () -> MiniSeedStream.open(file, id,
            info), file));
      }
    }
    List<String> chosen = new ArrayList<>();
    if (!ids.isEmpty()) {
      if (ids.size() != modelChannels.size()) {
        throw new UserInputException("--channels names " + ids.size() + " channels; the model takes "
            + modelChannels.size() + " " + modelChannels);
      }
      for (String id : ids) {
        if (!available.containsKey(id)) {
          throw new UserInputException("--channels: " + id + " is not in the input (it holds " + available.keySet()
              + ")");
        }
        chosen.add(id);
      }
    } else {
      for (String name : modelChannels) {
        List<String> matches = available.keySet().stream().filter(id -> id.substring(id.lastIndexOf('.') + 1)
            .toUpperCase(Locale.ROOT).endsWith(name.toUpperCase(Locale.ROOT))).toList();
        if (matches.size() != 1) {
          throw new UserInputException("the model's channel " + name + " matches " + (matches.isEmpty() ? "none"
              : matches) + " of the input's channels " + available.keySet() + "; name the input channels in the"
              + " model's order " + modelChannels + " with --channels");
        }
        chosen.add(matches.get(0));
      }
    }
    List<String> stations = chosen.stream().map(id -> id.substring(0, id.lastIndexOf('.', id.lastIndexOf('.') - 1)))
        .distinct().toList();
    if (stations.size() != 1) {
      throw new UserInputException("the channels " + chosen + " belong to several stations " + stations
          + "; pick one station at a time");
    }
    List<WaveformStream> streams = new ArrayList<>();
    for (String id : chosen) {
      streams.add(available.get(id).get());
    }
    return streams;
  }

  private static void put(Map<String, java.util.function.Supplier<WaveformStream>> available, String id,
      java.util.function.Supplier<WaveformStream> opener, Path file) {
    if (available.put(id, opener) != null) {
      throw new DataException(file, "channel " + id, "is given twice (in several input files); give each channel"
          + " once");
    }
  }

  /** Reads {@code count} samples of every channel into {@code history[c][offset..]}; the fewest any channel gave. */
  private static long fill(List<WaveformStream> streams, float[][] history, int offset, int count) {
    int least = count;
    for (int c = 0; c < streams.size(); c++) {
      int done = 0;
      while (done < count) {
        int n = streams.get(c).read(history[c], offset + done, count - done);
        if (n <= 0) {
          break;
        }
        done += n;
      }
      least = Math.min(least, done);
    }
    return least;
  }

  /** Moves the history {@code step} samples on with new samples; how many came (fewer at the record's end). */
  private static int shift(List<WaveformStream> streams, float[][] history, float[][] incoming, int length) {
    int got = (int) fill(streams, incoming, 0, incoming[0].length);
    for (int c = 0; c < history.length; c++) {
      System.arraycopy(history[c], got, history[c], 0, length - got);
      System.arraycopy(incoming[c], 0, history[c], length - got, got);
    }
    return got;
  }

  private static void deleteQuietly(Path picks, Optional<Path> probabilities) {
    try {
      Files.deleteIfExists(picks);
      if (probabilities.isPresent()) {
        Files.deleteIfExists(probabilities.get());
      }
    } catch (IOException e) {
      // What failed first is what the user must see.
    }
  }

  private static Path temporary(Path target) {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new UserInputException("the folder of " + target + " does not exist");
    }
    return folder.resolve("." + absolute.getFileName() + ".tmp");
  }
}
