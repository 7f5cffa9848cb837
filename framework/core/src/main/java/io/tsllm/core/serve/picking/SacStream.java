package io.tsllm.core.serve.picking;

import edu.sc.seis.seisFile.sac.SacConstants;
import edu.sc.seis.seisFile.sac.SacHeader;
import io.tsllm.spi.DataException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A SAC file's one channel: the header parsed by seisFile, the samples read as they are needed in its byte order. */
final class SacStream implements WaveformStream {

  private final Path file;
  private final String id;
  private final Instant start;
  private final double rate;
  private final int samples;
  private final boolean littleEndian;
  private final DataInputStream in;
  private int delivered;

  private SacStream(Path file) throws IOException {
    this.file = file;
    this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    SacHeader h = new SacHeader(in);
    if (h.getDelta() <= 0 || h.getNpts() <= 0 || h.getNzyear() < 0) {
      in.close();
      throw new DataException(file, "header", "has npts " + h.getNpts() + ", delta " + h.getDelta()
          + ", reference year " + h.getNzyear() + "; a SAC waveform needs all three");
    }
    Instant reference = LocalDateTime.of(h.getNzyear(), 1, 1, h.getNzhour(), h.getNzmin(), h.getNzsec())
        .plusDays(h.getNzjday() - 1L).plusNanos(h.getNzmsec() * 1_000_000L).toInstant(ZoneOffset.UTC);
    this.start = reference.plusNanos(Math.round(h.getB() * 1e9));
    this.rate = 1 / (double) h.getDelta();
    this.samples = h.getNpts();
    this.littleEndian = h.getByteOrder() == SacConstants.LITTLE_ENDIAN;
    this.id = String.join(".", clean(h.getKnetwk()), clean(h.getKstnm()), clean(h.getKhole()),
        clean(h.getKcmpnm()));
  }

  static SacStream open(Path file) {
    try {
      return new SacStream(file);
    } catch (IOException e) {
      throw new DataException(file, null, "is not a readable SAC file: " + e.getMessage());
    }
  }

  /** SAC's undefined strings are "-12345"; headers pad with spaces. */
  private static String clean(String value) {
    String trimmed = value == null ? "" : value.trim();
    return "-12345".equals(trimmed) ? "" : trimmed;
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
    return 0;
  }

  @Override
  public int read(float[] dest, int offset, int count) {
    if (delivered == samples) {
      return -1;
    }
    int n = Math.min(count, samples - delivered);
    try {
      for (int i = 0; i < n; i++) {
        int bits = in.readInt();
        dest[offset + i] = Float.intBitsToFloat(littleEndian ? Integer.reverseBytes(bits) : bits);
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
