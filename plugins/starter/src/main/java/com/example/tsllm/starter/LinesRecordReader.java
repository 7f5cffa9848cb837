package com.example.tsllm.starter;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.DataException;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.RecordChannel;
import io.tsllm.spi.RecordReader;
import io.tsllm.spi.ChannelSampleStream;
import io.tsllm.spi.SampleStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A record reader: the starter's series format (one number per line, blank lines and {@code #} comments skipped)
 * streamed line by line, so that {@code predict} runs a model with per-step outputs over a file of any length.
 * One channel, named by the {@code channel} option; its time axis comes from the {@code rate} and {@code start}
 * options, as the format has none.
 */
public final class LinesRecordReader implements RecordReader<LinesRecordReader.Options> {

  /** The reader's options: {@code predict --reader-option key=value}. */
  public record Options(
      @JsonPropertyDescription("the channel's name, matched against the model's channel names") String channel,
      @JsonPropertyDescription("samples per second") Double rate,
      @JsonPropertyDescription("the first sample's time, ISO-8601 UTC") String start) implements PluginConfig {

    public Options {
      channel = channel == null ? "value" : channel;
      rate = rate == null ? 1.0 : rate;
      start = start == null ? "1970-01-01T00:00:00Z" : start;
    }

    @Override
    public void validate(ConfigProblems problems) {
      problems.check(rate > 0 && Double.isFinite(rate), "rate", rate, "samples per second > 0");
      try {
        Instant.parse(start);
      } catch (DateTimeParseException e) {
        problems.reject("start", start, "an ISO-8601 UTC time such as 2026-01-02T03:04:05Z");
      }
    }
  }

  @Override
  public String name() {
    return "starter-lines";
  }

  @Override
  public Class<Options> configType() {
    return Options.class;
  }

  @Override
  public String description() {
    return "starter plugin: a .txt series, one number per line, streamed line by line";
  }

  @Override
  public boolean accepts(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt");
  }

  @Override
  public List<RecordChannel> channels(Path file, Options options) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file, null, "no such file");
    }
    String source = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    return List.of(new RecordChannel(file, options.channel(), source, Instant.parse(options.start()),
        options.rate(), OptionalLong.empty()));
  }

  @Override
  public SampleStream open(RecordChannel channel, Options options) {
    return new LineStream(channel);
  }

  /** The numbers of a file, a line at a time. */
  private static final class LineStream extends ChannelSampleStream {

    private final BufferedReader lines;
    private int line;
    private boolean ended;

    LineStream(RecordChannel channel) {
      super(channel);
      try {
        this.lines = Files.newBufferedReader(file(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new DataException(file(), null, "cannot be read: " + e.getMessage(), e);
      }
    }

    @Override
    public int read(float[] dest, int offset, int count) {
      int done = 0;
      try {
        while (done < count && !ended) {
          String text = lines.readLine();
          line++;
          if (text == null) {
            ended = true;
            break;
          }
          text = text.trim();
          if (text.isEmpty() || text.startsWith("#")) {
            continue;
          }
          try {
            dest[offset + done++] = Float.parseFloat(text);
          } catch (NumberFormatException e) {
            throw new DataException(file(), "line " + line, "'" + text + "' is not a number");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file(), e);
      }
      return done == 0 && ended ? -1 : done;
    }

    @Override
    public long gapSamples() {
      return 0;
    }

    @Override
    public void close() {
      try {
        lines.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + file(), e);
      }
    }
  }
}
