package io.tsllm.spi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One channel of a record file, as its {@link RecordReader} lists it.
 *
 * @param file the file that holds it
 * @param id unique among the channels given to one {@code predict}, e.g. {@code NET.STA.LOC.CHA}
 * @param source what the channel belongs to, e.g. a station ({@code NET.STA.LOC}); channels streamed together must
 *     share it, and outputs (picks, traces) are labelled with it
 * @param start the time of the first sample
 * @param rate samples per second
 * @param samples how many samples it holds, when the header says
 */
public record RecordChannel(Path file, String id, String source, Instant start, double rate, OptionalLong samples) {

  public RecordChannel {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new DataException(file, "channel " + id, "has a sampling rate of " + rate + "; expected > 0 samples/s");
    }
  }
}
