package io.tsllm.core.serve.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import io.tsllm.core.UserInputException;
import io.tsllm.core.io.AtomicFiles;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.run.RunDirectory;
import io.tsllm.core.serve.ExportMetadata;
import io.tsllm.core.serve.ExportMetadata.ExportedOutput;
import io.tsllm.core.serve.HostInputRebuilder;
import io.tsllm.core.serve.SavedModelExport;
import io.tsllm.core.serve.ServedModel;
import io.tsllm.spi.DataException;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.SampleStream;
import io.tsllm.spi.TraceWriter;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an exported model with per-step outputs over a continuous record of any length, as SeisBench's
 * {@code annotate}/{@code classify} do: the record's channels come from a record reader plugin (MiniSEED, SAC, CSV,
 * or a third party's format), windows of the model's length slide with an overlap, their per-step outputs are
 * stitched ({@link ProbabilityStitcher}), and
 * <ul>
 *   <li>a model predicting {@link OutputRole#STEP_PROBABILITIES} (a picker) gives a pick at the peak of each run of
 *       a phase's probability at or above the threshold it was tested with: a CSV {@code source,phase,time,
 *       probability} (UTC);</li>
 *   <li>another model with per-step outputs ({@link OutputRole#STEP_SCORE}, {@link OutputRole#FILLED_SERIES}, ...)
 *       gives their stitched values per sample, with the 0/1 column of a flagged score, through the trace writer of
 *       the output's format.</li>
 * </ul>
 * Every per-step output can also be written as traces ({@code --traces}) by a trace writer plugin. It streams: the
 * record is read a block at a time and one window of input, a batch of windows and one window of outputs are held,
 * whatever its length. A record at another rate than the model's is resampled ({@link ResampledStream}). Files are
 * written through temporary files renamed when complete; bad input found midway leaves earlier results as they were.
 */
public final class StreamingInference {

  /** Windows per call of the model. */
  static final int BATCH = 8;

  private final JsonRecords records;
  private final RecordInputs inputs;
  private final TraceOutputs writers;
  private final HostInputRebuilder hostInputs;

  @Inject
  StreamingInference(JsonRecords records, RecordInputs inputs, TraceOutputs writers, HostInputRebuilder hostInputs) {
    this.records = records;
    this.inputs = inputs;
    this.writers = writers;
    this.hostInputs = hostInputs;
  }

  /**
   * @param inputs the record's files (MiniSEED with the station's channels, one SAC file per channel, a CSV ...)
   * @param output the picks (a picking model) or the per-step values (other models)
   * @param traces where to write every stitched per-step output as traces, in the format its name says
   * @param reader the record reader's name, or null for the one that accepts the inputs
   * @param readerOptions {@code key=value} options of the reader
   * @param writerOptions {@code key=value} options of the trace writers used
   * @param channels the input channel ids in the model's channel order; empty to match them by the model's channel
   *     names as the reader matches them (a SEED channel code ends with the name: HHZ for Z)
   * @param overlap samples shared by consecutive windows; null for half a window
   * @param stacking {@code avg} or {@code max} where windows overlap
   * @param modelRate the sampling rate the model was trained at; null for the run config's {@code
   *     head.sampling_rate} (when the model is a run folder that records one)
   */
  public record Options(List<Path> inputs, Path output, Optional<Path> traces, String reader,
      List<String> readerOptions, List<String> writerOptions, List<String> channels, Integer overlap,
      String stacking, Double modelRate) {}

  /**
   * What was written.
   *
   * @param rate the rate the record was run at
   * @param recordRate the record's own rate (another when it was resampled to the model's)
   * @param picks picks per phase, for a picking model; empty otherwise
   */
  public record Summary(String source, List<String> channels, Instant start, Instant end, double rate,
      double recordRate, long samples, int windows, Map<String, Integer> picks, long gapSamples) {

    public boolean picked() {
      return !picks.isEmpty();
    }
  }

  /** A per-step output's columns in the stitched traces. */
  private record Trace(ExportedOutput output, List<String> names, int offset) {}

  public Summary run(Path model, Options options) {
    RecordInputs.Resolved reader = inputs.resolve(options.inputs(), options.reader(), options.readerOptions());
    ExportMetadata metadata = ServedModel.describe(model, records);
    List<Trace> traces = traces(metadata);
    if (traces.isEmpty()) {
      throw new UserInputException("the model's outputs " + metadata.outputs().stream().map(o -> o.name() + " ("
          + o.role() + ")").toList() + " have no per-step values to stream (STEP_PROBABILITIES, STEP_SCORE or"
          + " FILLED_SERIES); give it a CSV series without --stream, and predict writes its forecast or its"
          + " windows");
    }
    if (metadata.prediction().role() == OutputRole.STEP_PROBABILITIES && metadata.prediction().threshold() == null) {
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
    RecordInputs.Opened opened = inputs.open(reader, metadata.channelNames(), options.channels());
    List<SampleStream> streams = new ArrayList<>(opened.streams());
    try {
      double recordRate = streams.get(0).rate();
      Optional<Double> modelRate = Optional.ofNullable(options.modelRate()).or(() -> trainedRate(model));
      if (modelRate.isPresent() && modelRate.get() <= 0) {
        throw new UserInputException("--model-rate: " + modelRate.get() + " (expected Hz > 0)");
      }
      if (modelRate.isPresent() && Math.abs(modelRate.get() - recordRate) > 1e-6 * recordRate) {
        streams.replaceAll(stream -> new ResampledStream(stream, modelRate.get()));
      }
      return stream(model, metadata, traces, streams, opened.source(), options, length, length - overlap, stacking,
          recordRate);
    } finally {
      streams.forEach(SampleStream::close);
    }
  }

  private Summary stream(Path model, ExportMetadata metadata, List<Trace> traces, List<SampleStream> streams,
      String source, Options options, int length, int step, String stacking, double recordRate) {
    SampleStream first = streams.get(0);
    double rate = first.rate();
    Instant start = streams.stream().map(SampleStream::start).max(Instant::compareTo).orElseThrow();
    for (SampleStream stream : streams) {
      if (Math.abs(stream.rate() - rate) > 1e-6 * rate) {
        throw new DataException(stream.file(), "channel " + stream.id(), "has " + stream.rate() + " samples/s, "
            + first.id() + " has " + rate + "; the channels must share one rate");
      }
      long lead = Math.round(Duration.between(stream.start(), start).toNanos() / 1e9 * rate);
      if (!stream.skip(lead)) {
        throw new DataException(stream.file(), "channel " + stream.id(), "ends before the other channels begin");
      }
    }
    List<String> traceNames = traces.stream().flatMap(t -> t.names().stream()).toList();
    // A picker's phases are the first traces: its prediction leads them.
    boolean picking = metadata.prediction().role() == OutputRole.STEP_PROBABILITIES;
    List<String> phases = picking ? metadata.targetNames() : List.of();
    List<Trace> flagged = traces.stream().filter(t -> t.output().flagColumn() != null
        && t.output().threshold() != null).toList();
    List<StepOutputs.FlaggedScore> scores = flagged.stream()
        .map(t -> new StepOutputs.FlaggedScore(t.offset(), t.output().threshold())).toList();
    List<String> valueNames = new ArrayList<>(traceNames);
    flagged.forEach(t -> valueNames.add(t.output().flagColumn()));
    Map<String, Integer> counts = new LinkedHashMap<>();
    phases.forEach(p -> counts.put(p, 0));

    Path outputTemporary = temporary(options.output());
    Optional<Path> tracesTemporary = options.traces().map(StreamingInference::temporary);
    long samples;
    int windows = 0;
    List<AutoCloseable> open = new ArrayList<>();
    try (ServedModel served = ServedModel.open(model, metadata, hostInputs.rebuild(model, metadata))) {
      Optional<TraceWriter.TraceSink> traceSink = tracesTemporary.map(temporary -> writers.open("--traces",
          options.traces().get(), temporary, options.writerOptions(), source, traceNames, start, rate));
      traceSink.ifPresent(open::add);
      StepOutputs.StepSink outputSink = picking
          ? StepOutputs.picks(outputTemporary, open, source, phases, start, rate, counts,
              metadata.prediction().threshold().floatValue())
          : StepOutputs.values(writers.open("--output", options.output(), outputTemporary, options.writerOptions(),
              source, valueNames, start, rate), open, scores, traceNames.size());
      ProbabilityStitcher stitcher = new ProbabilityStitcher(length, traceNames.size(), stacking, (index, values) -> {
        outputSink.accept(index, values);
        traceSink.ifPresent(sink -> sink.accept(index, values));
      });
      boolean missingAllowed = metadata.fillsMissingValues();
      float[][] history = new float[streams.size()][length];
      long read = fill(streams, history, 0, length, missingAllowed, 0);
      if (read < length) {
        throw new DataException(first.file(), "channel " + first.id(), "holds " + read + " samples from the"
            + " channels' common start, fewer than the model's window of " + length + " (" + length / rate + " s)");
      }
      WindowBatch batch = new WindowBatch(served, traces, traceNames.size(), stitcher, length, streams.size());
      float[][] incoming = new float[streams.size()][step];
      while (true) {
        batch.add(history, read - length);
        windows++;
        int got = shift(streams, history, incoming, length, missingAllowed, read);
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
      outputSink.finish();
      samples = read;
      closeAll(open);
    } catch (RuntimeException e) {
      // Bad input found midway leaves no partial files; earlier results at the targets stay as they were.
      closeQuietly(open);
      deleteQuietly(outputTemporary, tracesTemporary);
      throw e;
    }
    try {
      AtomicFiles.move(outputTemporary, options.output());
      if (tracesTemporary.isPresent()) {
        AtomicFiles.move(tracesTemporary.get(), options.traces().get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + options.output(), e);
    }
    long gaps = streams.stream().mapToLong(SampleStream::gapSamples).sum();
    return new Summary(source, streams.stream().map(SampleStream::id).toList(), start,
        start.plusNanos(Math.round(samples / rate * 1e9)), rate, recordRate, samples, windows, counts, gaps);
  }

  /** The served per-step outputs, the prediction first, then in the export's order, each with its columns. */
  private static List<Trace> traces(ExportMetadata metadata) {
    List<ExportedOutput> outputs = metadata.outputs().stream().filter(o -> o.role().served()
        && o.role().alignment() == OutputRole.Alignment.ROWS)
        .sorted(java.util.Comparator.comparing(o -> o != metadata.prediction())).toList();
    List<Trace> traces = new ArrayList<>();
    int offset = 0;
    for (ExportedOutput output : outputs) {
      List<String> names = switch (output.role()) {
        case STEP_PROBABILITIES -> metadata.targetNames();
        case FILLED_SERIES -> metadata.channelNames(output);
        default -> List.of(output.name());
      };
      traces.add(new Trace(output, names, offset));
      offset += names.size();
    }
    return traces;
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
    private final List<Trace> traces;
    private final int width;
    private final ProbabilityStitcher stitcher;
    private final int length;
    private final int channels;
    private final float[] inputs;
    private final long[] starts = new long[BATCH];
    private int pending;

    WindowBatch(ServedModel served, List<Trace> traces, int width, ProbabilityStitcher stitcher, int length,
        int channels) {
      this.served = served;
      this.traces = traces;
      this.width = width;
      this.stitcher = stitcher;
      this.length = length;
      this.channels = channels;
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
      float[] window = new float[length * width];
      for (int w = 0; w < pending; w++) {
        for (Trace trace : traces) {
          float[] values = out.get(trace.output().name());
          int k = trace.names().size();
          for (int t = 0; t < length; t++) {
            System.arraycopy(values, (w * length + t) * k, window, t * width + trace.offset(), k);
          }
        }
        stitcher.add(starts[w], window);
      }
      pending = 0;
    }
  }

  /**
   * Reads {@code count} samples of every channel into {@code history[c][offset..]}; the fewest any channel gave.
   *
   * @param at the index of the first sample read, for messages
   */
  private static long fill(List<SampleStream> streams, float[][] history, int offset, int count,
      boolean missingAllowed, long at) {
    int least = count;
    for (int c = 0; c < streams.size(); c++) {
      SampleStream stream = streams.get(c);
      int done = 0;
      while (done < count) {
        int n = stream.read(history[c], offset + done, count - done);
        if (n <= 0) {
          break;
        }
        done += n;
      }
      if (!missingAllowed) {
        for (int i = 0; i < done; i++) {
          if (Float.isNaN(history[c][offset + i])) {
            throw new DataException(stream.file(), "channel " + stream.id() + ", sample " + (at + i), "is missing;"
                + " this model fills no gaps in its input");
          }
        }
      }
      least = Math.min(least, done);
    }
    return least;
  }

  /** Moves the history {@code step} samples on with new samples; how many came (fewer at the record's end). */
  private static int shift(List<SampleStream> streams, float[][] history, float[][] incoming, int length,
      boolean missingAllowed, long at) {
    int got = (int) fill(streams, incoming, 0, incoming[0].length, missingAllowed, at);
    for (int c = 0; c < history.length; c++) {
      System.arraycopy(history[c], got, history[c], 0, length - got);
      System.arraycopy(incoming[c], 0, history[c], length - got, got);
    }
    return got;
  }

  private static void closeAll(List<AutoCloseable> open) {
    for (AutoCloseable closeable : open) {
      try {
        closeable.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot finish writing", e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    open.clear();
  }

  private static void closeQuietly(List<AutoCloseable> open) {
    for (AutoCloseable closeable : open) {
      try {
        closeable.close();
      } catch (Exception e) {
        // What failed first is what the user must see.
      }
    }
  }

  private static void deleteQuietly(Path output, Optional<Path> traces) {
    try {
      Files.deleteIfExists(output);
      if (traces.isPresent()) {
        Files.deleteIfExists(traces.get());
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
