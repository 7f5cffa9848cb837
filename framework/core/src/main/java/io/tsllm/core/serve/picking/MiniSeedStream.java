package io.tsllm.core.serve.picking;

import edu.iris.dmc.seedcodec.CodecException;
import edu.sc.seis.seisFile.mseed.DataHeader;
import edu.sc.seis.seisFile.mseed.DataRecord;
import edu.sc.seis.seisFile.mseed.SeedFormatException;
import edu.sc.seis.seisFile.mseed.SeedRecord;
import io.tsllm.spi.DataException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One channel of a MiniSEED file, its records decoded one at a time in file order (records of other channels
 * skipped). A channel's records must be in time order, as recorders and data centres write them; a gap is filled with
 * zeros, an overlap's repeated samples are dropped, both counted.
 */
final class MiniSeedStream implements WaveformStream {

  /** The start and rate of a channel's first record. */
  record ChannelInfo(Instant start, double rate) {}

  private final Path file;
  private final String id;
  private final Instant start;
  private final double rate;
  private final Counting counting;
  private final DataInputStream in;
  private int recordNumber;
  private float[] pending = new float[0];
  private int pendingAt;
  private long delivered;
  private long gapSamples;
  private boolean ended;

  private MiniSeedStream(Path file, String id, ChannelInfo info) throws IOException {
    this.file = file;
    this.id = id;
    this.start = info.start();
    this.rate = info.rate();
    this.counting = new Counting(Files.newInputStream(file));
    this.in = new DataInputStream(counting);
  }

  /** The data channels of a file by id, read from record headers (the data is not decoded). */
  static Map<String, ChannelInfo> channels(Path file) {
    Map<String, ChannelInfo> channels = new LinkedHashMap<>();
    try (Counting counting = new Counting(Files.newInputStream(file));
        DataInputStream in = new DataInputStream(counting)) {
      int number = 0;
      while (true) {
        SeedRecord record = next(in, counting, file, number);
        if (record == null) {
          break;
        }
        number++;
        if (record instanceof DataRecord data) {
          channels.putIfAbsent(id(data.getHeader()), new ChannelInfo(data.getStartBtime().toInstant(),
              data.getSampleRate()));
        }
      }
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage());
    }
    if (channels.isEmpty()) {
      throw new DataException(file, null, "holds no MiniSEED data records");
    }
    return channels;
  }

  static MiniSeedStream open(Path file, String id, ChannelInfo info) {
    try {
      return new MiniSeedStream(file, id, info);
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage());
    }
  }

  static String id(DataHeader h) {
    return String.join(".", h.getNetworkCode().trim(), h.getStationIdentifier().trim(),
        h.getLocationIdentifier().trim(), h.getChannelIdentifier().trim());
  }

  /** The next record; null at the file's end; a record the file ends inside is refused. */
  private static SeedRecord next(DataInputStream in, Counting counting, Path file, int number) throws IOException {
    long start = counting.count;
    try {
      return SeedRecord.read(in);
    } catch (EOFException e) {
      if (counting.count > start) {
        throw new DataException(file, "record " + (number + 1) + " (byte " + start + ")", "is truncated: the file"
            + " ends " + (counting.count - start) + " bytes into it");
      }
      return null;
    } catch (SeedFormatException e) {
      throw new DataException(file, "record " + (number + 1), "is not a valid MiniSEED record: " + e.getMessage());
    }
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
    try {
      while (true) {
        SeedRecord record = next(in, counting, file, recordNumber);
        if (record == null) {
          ended = true;
          return false;
        }
        recordNumber++;
        if (!(record instanceof DataRecord data) || !id.equals(id(data.getHeader()))) {
          continue;
        }
        String where = "record " + recordNumber + " (" + id + ")";
        if (Math.abs(data.getSampleRate() - rate) > 1e-9 * rate) {
          throw new DataException(file, where, "has " + data.getSampleRate() + " samples/s where the channel's"
              + " first record has " + rate);
        }
        float[] values;
        try {
          values = data.decompress().getAsFloat();
        } catch (SeedFormatException | CodecException e) {
          throw new DataException(file, where, "cannot be decompressed: " + e.getMessage());
        }
        long at = Math.round(Duration.between(start, data.getStartBtime().toInstant()).toNanos() / 1e9 * rate);
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
        gapSamples += skip + gap;
        float[] next = new float[gap + values.length - skip];
        System.arraycopy(values, skip, next, gap, values.length - skip);
        pending = next;
        pendingAt = 0;
        return true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** A buffered stream that counts the bytes read, to tell a file's end from a truncated record. */
  private static final class Counting extends java.io.FilterInputStream {

    long count;

    Counting(java.io.InputStream in) {
      super(new BufferedInputStream(in, 1 << 16));
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b >= 0 ? 1 : 0;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count += Math.max(0, n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
