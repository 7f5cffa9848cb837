package io.tsllm.core.serve.streaming;

import io.tsllm.spi.CsvRowWriter;
import io.tsllm.spi.ProbabilityPeaks;
import io.tsllm.spi.TraceWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where streaming inference's stitched samples go: picks at the peaks of a picker's phase probabilities (CSV), or
 * every per-step value with the 0/1 column of each flagged score (through a trace writer).
 */
final class StepOutputs {

  private StepOutputs() {}

  /** A flagged score's column among the stitched values and the threshold it was tested with. */
  record FlaggedScore(int column, double threshold) {}

  /** Receives the stitched samples in order. */
  interface StepSink {
    void accept(long index, float[] values);

    void finish();
  }

  /** Picks at the peaks of the phases' probabilities (the first traces), written as CSV. */
  static StepSink picks(Path file, List<AutoCloseable> open, String source, List<String> phases,
      Instant start, double rate, Map<String, Integer> counts, float threshold) {
    BufferedWriter csv;
    try {
      csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      open.add(csv);
      csv.write("station,phase,time,probability\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    ProbabilityPeaks.Tracker[] trackers = new ProbabilityPeaks.Tracker[phases.size()];
    for (int k = 0; k < trackers.length; k++) {
      trackers[k] = new ProbabilityPeaks.Tracker(threshold);
    }
    return new StepSink() {
      @Override
      public void accept(long index, float[] values) {
        for (int k = 0; k < trackers.length; k++) {
          int phase = k;
          trackers[k].accept(index, values[k]).ifPresent(peak -> pick(phase, peak));
        }
      }

      @Override
      public void finish() {
        for (int k = 0; k < trackers.length; k++) {
          int phase = k;
          trackers[k].finish().ifPresent(peak -> pick(phase, peak));
        }
      }

      private void pick(int phase, ProbabilityPeaks.Peak peak) {
        Instant time = start.plusNanos(Math.round(peak.index() / rate * 1e9));
        try {
          // A source may hold a comma (a file's name, where a record has no codes): quoted when it must be.
          csv.write(CsvRowWriter.text(List.of(List.of(source, phases.get(phase), time.toString(),
              String.format(Locale.ROOT, "%.4f", peak.probability())))));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + file, e);
        }
        counts.merge(phases.get(phase), 1, Integer::sum);
      }
    };
  }

  /** Every trace's values per sample, with the 0/1 column of each flagged score after them. */
  static StepSink values(TraceWriter.TraceSink sink, List<AutoCloseable> open, List<FlaggedScore> flagged,
      int traces) {
    open.add(sink);
    float[] row = new float[traces + flagged.size()];
    return new StepSink() {
      @Override
      public void accept(long index, float[] values) {
        System.arraycopy(values, 0, row, 0, traces);
        for (int f = 0; f < flagged.size(); f++) {
          FlaggedScore score = flagged.get(f);
          row[traces + f] = values[score.column()] >= score.threshold() ? 1f : 0f;
        }
        sink.accept(index, row);
      }

      @Override
      public void finish() {}
    };
  }

}
