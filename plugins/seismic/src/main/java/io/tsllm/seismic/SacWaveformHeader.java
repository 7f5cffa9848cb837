package io.tsllm.seismic;

import edu.sc.seis.seisFile.sac.SacConstants;
import edu.sc.seis.seisFile.sac.SacHeader;
import io.tsllm.spi.DataException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * What a SAC header says about its one channel's waveform.
 *
 * @param id {@code NET.STA.LOC.CHA} from {@code knetwk}, {@code kstnm}, {@code khole}, {@code kcmpnm} (undefined ones
 *     empty)
 * @param start the first sample's time: the reference time plus {@code b}
 * @param rate samples per second, {@code 1 / delta}
 * @param samples {@code npts}
 * @param littleEndian the file's byte order
 */
public record SacWaveformHeader(String id, Instant start, double rate, int samples, boolean littleEndian) {

  /**
   * Refuses a header without a positive {@code npts} and {@code delta} and a reference year, and a file that is
   * not an evenly sampled time series: {@code iftype} other than ITIME (a spectrum, general x-y or x-y-z data) or
   * {@code leven} false (the file holds each sample's time too).
   */
  public static SacWaveformHeader of(Path file, SacHeader h) {
    if (h.getIftype() != SacConstants.ITIME) {
      throw new DataException(file, "header", "has iftype " + h.getIftype() + " (" + fileType(h.getIftype())
          + "); only a time series (ITIME, 1) can be read as a waveform");
    }
    if (h.getLeven() != SacConstants.TRUE) {
      throw new DataException(file, "header", "has leven " + h.getLeven() + ": the samples are unevenly spaced"
          + " (each with its own time); resample it to an even rate first (SAC's interpolate command)");
    }
    if (h.getDelta() <= 0 || h.getNpts() <= 0 || h.getNzyear() < 0) {
      throw new DataException(file, "header", "has npts " + h.getNpts() + ", delta " + h.getDelta()
          + ", reference year " + h.getNzyear() + "; a SAC waveform needs all three");
    }
    Instant reference = LocalDateTime.of(h.getNzyear(), 1, 1, h.getNzhour(), h.getNzmin(), h.getNzsec())
        .plusDays(h.getNzjday() - 1L).plusNanos(h.getNzmsec() * 1_000_000L).toInstant(ZoneOffset.UTC);
    String id = String.join(".", clean(h.getKnetwk()), clean(h.getKstnm()), clean(h.getKhole()),
        clean(h.getKcmpnm()));
    return new SacWaveformHeader(id, reference.plusNanos(Math.round(h.getB() * 1e9)), 1 / (double) h.getDelta(),
        h.getNpts(), h.getByteOrder() == SacConstants.LITTLE_ENDIAN);
  }

  private static String fileType(int iftype) {
    return switch (iftype) {
      case SacConstants.IRLIM -> "a spectrum, real and imaginary";
      case SacConstants.IAMPH -> "a spectrum, amplitude and phase";
      case SacConstants.IXY -> "general x-y data";
      case SacConstants.IXYZ -> "general x-y-z data";
      case SacConstants.INT_UNDEF -> "undefined";
      default -> "unknown";
    };
  }

  /** SAC's undefined strings are "-12345"; headers pad with spaces. */
  private static String clean(String value) {
    String trimmed = value == null ? "" : value.trim();
    return "-12345".equals(trimmed) ? "" : trimmed;
  }
}
