package io.tsllm.seismic.record;

import edu.sc.seis.seisFile.mseed.DataRecord;
import edu.sc.seis.seisFile.mseed.SeedRecord;
import io.tsllm.seismic.MiniSeedRecords;
import io.tsllm.spi.DataException;
import io.tsllm.spi.SampleStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One channel of a MiniSEED file, its records decoded one at a time in file order (records of other channels
 * skipped). A channel's records must be in time order, as recorders and data centres write them; a gap is filled with
 * zeros (or refused, naming the record, when the reader's {@code gaps} option is {@code fail}), an overlap's repeated
 * samples are dropped, both counted.
 */
final class MiniSeedStream implements SampleStream {

  /** The start and rate of a channel's first record. */
  record ChannelInfo(Instant start, double rate) {}

  private final Path file;
  private final String id;
  private final Instant start;
  private final double rate;
  private final MiniSeedRecords records;
  private final boolean failOnGaps;
  private float[] pending = new float[0];
  private int pendingAt;
  private long delivered;
  private long gapSamples;
  private boolean ended;

  private MiniSeedStream(Path file, String id, ChannelInfo info, boolean failOnGaps) {
    this.file = file;
    this.failOnGaps = failOnGaps;
    this.id = id;
    this.start = info.start();
    this.rate = info.rate();
    this.records = MiniSeedRecords.open(file);
  }

  /** The data channels of a file by id, read from record headers (the data is not decoded). */
  static Map<String, ChannelInfo> channels(Path file) {
    Map<String, ChannelInfo> channels = new LinkedHashMap<>();
    try (MiniSeedRecords records = MiniSeedRecords.open(file)) {
      for (SeedRecord record = records.next(); record != null; record = records.next()) {
        if (record instanceof DataRecord data) {
          channels.putIfAbsent(MiniSeedRecords.channelId(data.getHeader()),
              new ChannelInfo(MiniSeedRecords.start(data), data.getSampleRate()));
        }
      }
    }
    if (channels.isEmpty()) {
      throw new DataException(file, null, "holds no MiniSEED data records");
    }
    return channels;
  }

  /** @param failOnGaps refuse a gap between records instead of filling it with zeros */
  static MiniSeedStream open(Path file, String id, ChannelInfo info, boolean failOnGaps) {
    return new MiniSeedStream(file, id, info, failOnGaps);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Instant start() {
    return start;
  }

  @Override
  public double rate() {
    return rate;
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public long gapSamples() {
    return gapSamples;
  }

  @Override
  public int read(float[] dest, int offset, int count) {
    int done = 0;
    while (done < count) {
      if (pendingAt == pending.length && !nextRecord()) {
        break;
      }
      int n = Math.min(count - done, pending.length - pendingAt);
      System.arraycopy(pending, pendingAt, dest, offset + done, n);
      pendingAt += n;
      done += n;
      delivered += n;
    }
    return done == 0 && ended ? -1 : done;
  }

  /** Decodes the channel's next record into {@code pending}, with the zeros of a gap before it. */
  private boolean nextRecord() {
    while (true) {
      SeedRecord record = records.next();
      if (record == null) {
        ended = true;
        return false;
      }
      if (!(record instanceof DataRecord data) || !id.equals(MiniSeedRecords.channelId(data.getHeader()))) {
        continue;
      }
      String where = "record " + records.number() + " (" + id + ")";
      if (Math.abs(data.getSampleRate() - rate) > 1e-9 * rate) {
        throw new DataException(file, where, "has " + data.getSampleRate() + " samples/s where the channel's"
            + " first record has " + rate);
      }
      float[] values = MiniSeedRecords.samples(file, where, data);
      long at = Math.round(Duration.between(start, MiniSeedRecords.start(data)).toNanos() / 1e9 * rate);
      long expected = delivered + (pending.length - pendingAt);
      if (at + values.length <= expected) {
        if (at < expected - values.length - Math.round(rate)) {
          throw new DataException(file, where, "starts " + (expected - at) / rate + " s before the channel's"
              + " previous record ends: records must be in time order (sort the file, e.g. with dataselect)");
        }
        gapSamples += values.length;   // a repeated record
        continue;
      }
      int skip = (int) Math.max(0, expected - at);
      int gap = (int) Math.max(0, at - expected);
      if (gap > 0 && failOnGaps) {
        throw new DataException(file, where, "starts " + gap / rate + " s (" + gap + " samples) after the channel's"
            + " previous record ends: a gap (gaps fail; --reader-option gaps=zero fills it with zeros)");
      }
      gapSamples += skip + gap;
      float[] next = new float[gap + values.length - skip];
      System.arraycopy(values, skip, next, gap, values.length - skip);
      pending = next;
      pendingAt = 0;
      return true;
    }
  }

  @Override
  public void close() {
    records.close();
  }
}
