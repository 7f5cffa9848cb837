package io.tsllm.core.serve.streaming;

import io.tsllm.spi.CsvHeader;
import io.tsllm.spi.CsvRecords;
import io.tsllm.spi.DataException;
import io.tsllm.spi.MissingValueText;
import io.tsllm.spi.RecordChannel;
import io.tsllm.spi.RecordReader;
import io.tsllm.spi.ChannelSampleStream;
import io.tsllm.spi.SampleStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A CSV series (a header, a timestamp column, a column per channel) as a record: each channel streamed row by row
 * through {@link CsvRecords}, so a series of any length is never held. Rows are taken as evenly spaced at the rate
 * of the first two timestamps (or the {@code rate} option); a missing value ({@link MissingValueText}) is NaN, which
 * only a model that fills gaps accepts. Its source is the file's name without {@code .csv}.
 */
public final class CsvRecordReader implements RecordReader<CsvReaderOptions> {

  /** The reader's name, which {@code predict} reads a CSV series with when it streams one. */
  public static final String NAME = "csv";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<CsvReaderOptions> configType() {
    return CsvReaderOptions.class;
  }

  @Override
  public String description() {
    return "CSV series (.csv): a timestamp column and a column per channel, streamed row by row; a model's"
        + " channel matches the column of its name";
  }

  @Override
  public boolean accepts(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  @Override
  public List<RecordChannel> channels(Path file, CsvReaderOptions options) {
    try (CsvRecords records = CsvRecords.open(file)) {
      CsvRecords.Record header = records.next();
      if (header == null) {
        throw new DataException(file, null, "is empty; expected a header line naming the columns");
      }
      List<String> names = CsvHeader.columns(file, header);
      int stamps = names.indexOf(options.dateColumn());
      CsvRecords.Record first = records.next();
      CsvRecords.Record second = first == null ? null : records.next();
      if (first == null) {
        throw new DataException(file, null, "has a header and no rows");
      }
      Instant start = Instant.EPOCH;
      double rate;
      if (stamps < 0) {
        if (options.rate() == null) {
          throw new DataException(file, "line " + header.line(), "has no timestamp column '" + options.dateColumn()
              + "' (its columns are " + names + "): name it with --reader-option date_column=NAME, or give the"
              + " rate with --reader-option rate=HZ");
        }
        rate = options.rate();
      } else {
        start = time(file, first, stamps);
        if (options.rate() != null) {
          rate = options.rate();
        } else if (second == null) {
          throw new DataException(file, null, "has one row: its rate cannot be told from the timestamps; give it"
              + " with --reader-option rate=HZ");
        } else {
          long nanos = Duration.between(start, time(file, second, stamps)).toNanos();
          if (nanos <= 0) {
            throw new DataException(file, "line " + second.line(), "is not later than the row before it; rows"
                + " must be in time order");
          }
          rate = 1e9 / nanos;
        }
      }
      String source = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
      List<RecordChannel> channels = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (i != stamps) {
          channels.add(new RecordChannel(file, names.get(i), source, start, rate, OptionalLong.empty()));
        }
      }
      return channels;
    }
  }

  @Override
  public SampleStream open(RecordChannel channel, CsvReaderOptions options) {
    return new ColumnStream(channel);
  }

  /** A timestamp as ETT, pandas and ISO-8601 write them; without an offset it is taken as UTC. */
  static Instant time(Path file, CsvRecords.Record record, int column) {
    String text = record.field(column).trim();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
          try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
          } catch (DateTimeParseException e) {
            throw new DataException(file, "line " + record.line(), "'" + text + "' is not a timestamp (expected"
                + " ISO-8601, e.g. 2016-07-01 00:00:00 or 2016-07-01T00:00:00Z)");
          }
        }
      }
    }
  }

  /** One column read row by row. */
  private static final class ColumnStream extends ChannelSampleStream {

    private final CsvRecords records;
    private final int column;
    private final int width;
    private long missing;
    private boolean ended;

    ColumnStream(RecordChannel channel) {
      super(channel);
      this.records = CsvRecords.open(file());
      List<String> names = CsvHeader.columns(file(), records.next());
      this.column = names.indexOf(id());
      this.width = names.size();
    }

    @Override
    public int read(float[] dest, int offset, int count) {
      int done = 0;
      while (done < count && !ended) {
        CsvRecords.Record record = records.next();
        if (record == null) {
          ended = true;
          break;
        }
        if (record.size() != width) {
          throw new DataException(file(), "line " + record.line(), "expected " + width + " fields, found "
              + record.size());
        }
        String field = record.field(column);
        if (MissingValueText.isMissing(field)) {
          missing++;
          dest[offset + done++] = Float.NaN;
          continue;
        }
        try {
          dest[offset + done++] = Float.parseFloat(field.trim());
        } catch (NumberFormatException e) {
          throw new DataException(file(), "line " + record.line() + ", column " + id(), "'"
              + field.trim() + "' is not a number");
        }
      }
      return done == 0 && ended ? -1 : done;
    }

    /** Missing values, given as NaN. */
    @Override
    public long gapSamples() {
      return missing;
    }

    @Override
    public void close() {
      records.close();
    }
  }
}
