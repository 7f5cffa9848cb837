package io.tsllm.seismic;

import edu.iris.dmc.seedcodec.CodecException;
import edu.sc.seis.seisFile.mseed.Blockette;
import edu.sc.seis.seisFile.mseed.Blockette1001;
import edu.sc.seis.seisFile.mseed.DataHeader;
import edu.sc.seis.seisFile.mseed.DataRecord;
import edu.sc.seis.seisFile.mseed.SeedFormatException;
import edu.sc.seis.seisFile.mseed.SeedRecord;
import io.tsllm.spi.DataException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A MiniSEED file's records in file order, read one at a time by seisFile. A record the file ends inside, or one
 * seisFile cannot parse, is refused with the file, the record's number and its byte offset.
 */
public final class MiniSeedRecords implements AutoCloseable {

  private final Path file;
  private final CountingStream counting;
  private final DataInputStream in;
  private int number;

  private MiniSeedRecords(Path file) throws IOException {
    this.file = file;
    this.counting = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    this.in = new DataInputStream(counting);
  }

  public static MiniSeedRecords open(Path file) {
    try {
      return new MiniSeedRecords(file);
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage());
    }
  }

  /** The next record (data or not), or null at the file's end. */
  public SeedRecord next() {
    long start = counting.count;
    String where = "record " + (number + 1) + " (byte " + start + ")";
    try {
      SeedRecord record = SeedRecord.read(in);
      number++;
      return record;
    } catch (EOFException e) {
      if (counting.count > start) {
        throw new DataException(file, where, "is truncated: the file ends " + (counting.count - start)
            + " bytes into it");
      }
      return null;
    } catch (SeedFormatException e) {
      throw new DataException(file, where, "is not a valid MiniSEED record: " + e.getMessage());
    } catch (IOException e) {
      throw new DataException(file, where, "cannot be read: " + e.getMessage());
    }
  }

  /** The number, from 1 in file order, of the record {@link #next} returned last. */
  public int number() {
    return number;
  }

  /**
   * A data record's first-sample time as libmseed takes it: the header's start time, plus its time correction
   * (field 16, in 0.0001 s) unless activity flag bit 1 says the correction is already applied, plus the microseconds
   * of blockette 1001 when the record has one. seisFile's {@code getStartBtime} leaves both out.
   */
  public static Instant start(DataRecord record) {
    DataHeader header = record.getHeader();
    Instant start = header.getStartBtime().toInstant();
    if (header.getTimeCorrection() != 0 && (header.getActivityFlags() & 0x02) == 0) {
      start = start.plusNanos(header.getTimeCorrection() * 100_000L);
    }
    for (Blockette blockette : record.getBlockettes(1001)) {
      start = start.plusNanos(((Blockette1001) blockette).getMicrosecond() * 1_000L);
    }
    return start;
  }

  /** {@code NET.STA.LOC.CHA}, blanks trimmed. */
  public static String channelId(DataHeader h) {
    return String.join(".", h.getNetworkCode().trim(), h.getStationIdentifier().trim(),
        h.getLocationIdentifier().trim(), h.getChannelIdentifier().trim());
  }

  /** A data record's samples, decompressed; {@code where} names the record in the refusal. */
  public static float[] samples(Path file, String where, DataRecord record) {
    try {
      return record.decompress().getAsFloat();
    } catch (SeedFormatException | CodecException e) {
      throw new DataException(file, where, "cannot be decompressed: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be closed: " + e.getMessage());
    }
  }

  /** Counts the bytes read, to tell a file's clean end from a truncated record. */
  private static final class CountingStream extends FilterInputStream {

    long count;

    CountingStream(InputStream in) {
      super(in);
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
      count += Math.max(n, 0);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
