package io.tsllm.seismic.record;

import edu.sc.seis.seisFile.sac.SacHeader;
import io.tsllm.seismic.SacWaveformHeader;
import io.tsllm.spi.DataException;
import io.tsllm.spi.SampleStream;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** A SAC file's one channel: the header parsed by seisFile, the samples read as they are needed in its byte order. */
final class SacStream implements SampleStream {

  private final Path file;
  private final SacWaveformHeader header;
  private final DataInputStream in;
  private int delivered;

  private SacStream(Path file) throws IOException {
    this.file = file;
    this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    try {
      this.header = SacWaveformHeader.of(file, new SacHeader(in));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  static SacStream open(Path file) {
    try {
      return new SacStream(file);
    } catch (IOException e) {
      throw new DataException(file, null, "is not a readable SAC file: " + e.getMessage());
    }
  }

  @Override
  public String id() {
    return header.id();
  }

  @Override
  public Instant start() {
    return header.start();
  }

  @Override
  public double rate() {
    return header.rate();
  }

  /** The samples the header says the file holds. */
  int samples() {
    return header.samples();
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public long gapSamples() {
    return 0;
  }

  @Override
  public int read(float[] dest, int offset, int count) {
    int samples = header.samples();
    if (delivered == samples) {
      return -1;
    }
    int n = Math.min(count, samples - delivered);
    try {
      for (int i = 0; i < n; i++) {
        int bits = in.readInt();
        dest[offset + i] = Float.intBitsToFloat(header.littleEndian() ? Integer.reverseBytes(bits) : bits);
      }
    } catch (EOFException e) {
      throw new DataException(file, "sample " + delivered, "is missing: the header says " + samples
          + " samples, the file ends before");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    delivered += n;
    return n;
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
