package io.tsllm.seismic.dataset;

import edu.sc.seis.seisFile.mseed.DataRecord;
import edu.sc.seis.seisFile.mseed.SeedRecord;
import edu.sc.seis.seisFile.sac.SacTimeSeries;
import io.tsllm.seismic.MiniSeedRecords;
import io.tsllm.seismic.SacWaveformHeader;
import io.tsllm.spi.DataException;
import io.tsllm.spi.MissingDataFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads MiniSEED (every data record, decompressed, grouped by channel and joined in time order) and SAC files (one
 * channel each) through seisFile. Gaps between records are refused or filled as asked; overlaps, truncated or
 * corrupt records are refused with the file, the record and the channel.
 */
final class SeismicFileReader {

  private final String gaps;

  /** @param gaps {@code fail}, {@code zero} or {@code interpolate} */
  SeismicFileReader(String gaps) {
    this.gaps = gaps;
  }

  /** The file's channels by id. */
  Map<String, Trace> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw MissingDataFile.of(file, "does not exist (data.files)");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".sac") ? readSac(file) : readMiniSeed(file);
  }

  private static Map<String, Trace> readSac(Path file) {
    try {
      SacTimeSeries sac = SacTimeSeries.read(file.toFile());
      SacWaveformHeader h = SacWaveformHeader.of(file, sac.getHeader());
      return Map.of(h.id(), new Trace(h.id(), h.start(), h.rate(), sac.getY(), file));
    } catch (IOException e) {
      throw new DataException(file, null, "is not a readable SAC file: " + e.getMessage());
    }
  }

  private Map<String, Trace> readMiniSeed(Path file) {
    Map<String, List<DataRecord>> records = new LinkedHashMap<>();
    Map<String, List<Integer>> numbers = new LinkedHashMap<>();
    try (MiniSeedRecords in = MiniSeedRecords.open(file)) {
      for (SeedRecord record = in.next(); record != null; record = in.next()) {
        if (record instanceof DataRecord data) {
          String id = MiniSeedRecords.channelId(data.getHeader());
          records.computeIfAbsent(id, k -> new ArrayList<>()).add(data);
          numbers.computeIfAbsent(id, k -> new ArrayList<>()).add(in.number());
        }
      }
    }
    if (records.isEmpty()) {
      throw new DataException(file, null, "holds no MiniSEED data records");
    }
    Map<String, Trace> traces = new LinkedHashMap<>();
    records.forEach((id, list) -> traces.put(id, join(file, id, list, numbers.get(id))));
    return traces;
  }

  /** One channel's records, put in time order (files need not be sorted), joined into a continuous trace. */
  private Trace join(Path file, String id, List<DataRecord> unsorted, List<Integer> unsortedNumbers) {
    Integer[] order = new Integer[unsorted.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, java.util.Comparator.comparing(i -> MiniSeedRecords.start(unsorted.get(i))));
    List<DataRecord> records = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (int i : order) {
      records.add(unsorted.get(i));
      numbers.add(unsortedNumbers.get(i));
    }
    DataRecord first = records.get(0);
    double rate = first.getSampleRate();
    Instant start = MiniSeedRecords.start(first);
    float[] samples = new float[0];
    int length = 0;
    for (int r = 0; r < records.size(); r++) {
      DataRecord record = records.get(r);
      String where = "record " + numbers.get(r) + " (" + id + ")";
      if (record.getSampleRate() != rate) {
        throw new DataException(file, where, "has " + record.getSampleRate() + " samples/s where the channel's"
            + " first record has " + rate);
      }
      float[] values = MiniSeedRecords.samples(file, where, record);
      long expected = length;
      long at = Math.round(java.time.Duration.between(start, MiniSeedRecords.start(record)).toNanos() / 1e9
          * rate);
      if (at < expected) {
        throw new DataException(file, where, "overlaps the previous record by " + (expected - at) + " samples");
      }
      int gap = (int) (at - expected);
      if (gap > 0 && "fail".equals(gaps)) {
        throw new DataException(file, where, "starts " + gap + " samples (" + gap / rate + " s) after the previous"
            + " record ends; set data.gaps to \"zero\" or \"interpolate\" to fill gaps");
      }
      int needed = length + gap + values.length;
      if (needed > samples.length) {
        samples = Arrays.copyOf(samples, Math.max(needed, samples.length * 2));
      }
      if (gap > 0) {
        float before = length > 0 ? samples[length - 1] : values[0];
        for (int g = 0; g < gap; g++) {
          samples[length + g] = "zero".equals(gaps) ? 0 : before + (values[0] - before) * (g + 1) / (gap + 1);
        }
      }
      System.arraycopy(values, 0, samples, length + gap, values.length);
      length = needed;
    }
    return new Trace(id, start, rate, Arrays.copyOf(samples, length), file);
  }
}
