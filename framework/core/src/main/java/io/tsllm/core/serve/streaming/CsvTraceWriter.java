package io.tsllm.core.serve.streaming;

import io.tsllm.spi.CsvRowWriter;
import io.tsllm.spi.TraceWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Traces as CSV: a {@code time} column (UTC, ISO-8601) and a column per trace, a row per sample. */
public final class CsvTraceWriter implements TraceWriter<CsvTraceWriterOptions> {

  @Override
  public String name() {
    return CsvRecordReader.NAME;
  }

  @Override
  public Class<CsvTraceWriterOptions> configType() {
    return CsvTraceWriterOptions.class;
  }

  @Override
  public String description() {
    return "traces as CSV (.csv): time (UTC) and a column per trace, a row per sample";
  }

  @Override
  public boolean accepts(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  @Override
  public TraceSink open(Path file, String source, List<String> names, Instant start, double rate,
      CsvTraceWriterOptions options) {
    BufferedWriter out;
    try {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      List<String> header = new ArrayList<>(List.of("time"));
      header.addAll(names);
      out.write(CsvRowWriter.text(List.of(header)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    String format = options.decimals() == null ? null : "%." + options.decimals() + "f";
    return new TraceSink() {
      private final StringBuilder row = new StringBuilder();

      @Override
      public void accept(long index, float[] values) {
        row.setLength(0);
        row.append(start.plusNanos(Math.round(index / rate * 1e9)));
        for (float value : values) {
          row.append(',').append(format == null ? Float.toString(value) : String.format(Locale.ROOT, format, value));
        }
        row.append('\n');
        try {
          out.write(row.toString());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + file, e);
        }
      }

      @Override
      public void close() {
        try {
          out.close();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + file, e);
        }
      }
    };
  }
}
