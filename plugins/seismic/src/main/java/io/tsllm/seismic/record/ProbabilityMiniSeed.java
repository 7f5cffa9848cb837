package io.tsllm.seismic.record;

import edu.sc.seis.seisFile.mseed.Blockette1000;
import edu.sc.seis.seisFile.mseed.Btime;
import edu.sc.seis.seisFile.mseed.DataHeader;
import edu.sc.seis.seisFile.mseed.DataRecord;
import edu.sc.seis.seisFile.mseed.SeedFormatException;
import io.tsllm.spi.TraceWriter;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Traces written as MiniSEED as they are stitched: one channel per output (its code given, at most three
 * characters: {@code P}, {@code S}, {@code DET}), the station's network, station and location, records of IEEE
 * float32 samples (encoding 4), big-endian, 4096 bytes long unless asked otherwise.
 */
final class ProbabilityMiniSeed implements TraceWriter.TraceSink {

  static final int RECORD_LENGTH = 4096;
  private static final int DATA_OFFSET = 64;

  private final int recordLength;
  private final int samplesPerRecord;

  private final Path file;
  private final String[] codes;
  private final List<String> channels;
  private final Instant start;
  private final double rate;
  private final DataOutputStream out;
  private final float[][] buffers;
  private final long[] firstIndex;
  private final int[] filled;
  private int sequence;

  /** @param station {@code NET.STA.LOC} */
  ProbabilityMiniSeed(Path file, String station, List<String> channels, Instant start, double rate) {
    this(file, station, channels, start, rate, RECORD_LENGTH);
  }

  /** @param recordLength bytes per record, a power of two from 256 to 8192 */
  ProbabilityMiniSeed(Path file, String station, List<String> channels, Instant start, double rate,
      int recordLength) {
    this.file = file;
    this.recordLength = recordLength;
    this.samplesPerRecord = (recordLength - DATA_OFFSET) / 4;
    this.codes = (station + ".").split("\\.", -1);
    this.channels = List.copyOf(channels);
    this.start = start;
    this.rate = rate;
    this.buffers = new float[channels.size()][samplesPerRecord];
    this.firstIndex = new long[channels.size()];
    this.filled = new int[channels.size()];
    try {
      this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Sample {@code index} of every channel. */
  @Override
  public void accept(long index, float[] values) {
    for (int c = 0; c < values.length; c++) {
      if (filled[c] == 0) {
        firstIndex[c] = index;
      }
      buffers[c][filled[c]++] = values[c];
      if (filled[c] == samplesPerRecord) {
        flush(c);
      }
    }
  }

  private void flush(int c) {
    if (filled[c] == 0) {
      return;
    }
    DataHeader header = new DataHeader(++sequence % 1_000_000, 'D', false);
    header.setNetworkCode(codes[0]);
    header.setStationIdentifier(codes[1]);
    header.setLocationIdentifier(codes[2]);
    header.setChannelIdentifier(channels.get(c));
    header.setStartBtime(new Btime(start.plusNanos(Math.round(firstIndex[c] / rate * 1e9))));
    header.setNumSamples((short) filled[c]);
    header.setSampleRate(rate);
    DataRecord record = new DataRecord(header);
    Blockette1000 blockette = new Blockette1000();
    blockette.setEncodingFormat((byte) 4);
    blockette.setWordOrder((byte) 1);
    blockette.setDataRecordLength((byte) Integer.numberOfTrailingZeros(recordLength));
    ByteBuffer data = ByteBuffer.allocate(filled[c] * 4);
    for (int i = 0; i < filled[c]; i++) {
      data.putFloat(buffers[c][i]);
    }
    try {
      record.addBlockette(blockette);
      record.setData(data.array());
      record.setRecordSize(recordLength);
      record.write(out);
    } catch (SeedFormatException e) {
      throw new IllegalStateException("cannot encode a MiniSEED record of " + channels.get(c), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    filled[c] = 0;
  }

  @Override
  public void close() {
    for (int c = 0; c < channels.size(); c++) {
      flush(c);
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
