package io.tsllm.seismic.record;

import io.tsllm.spi.RecordChannel;
import io.tsllm.spi.RecordReader;
import io.tsllm.spi.SampleStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * SAC files (.sac), one channel each, in either byte order; files whose header says they are not an evenly sampled
 * time series ({@code leven}, {@code iftype}) are refused naming the field.
 */
public final class SacReader implements RecordReader<SacReaderOptions> {

  @Override
  public String name() {
    return "sac";
  }

  @Override
  public Class<SacReaderOptions> configType() {
    return SacReaderOptions.class;
  }

  @Override
  public String description() {
    return "SAC files (.sac), one channel per file (give one --input per channel), by NET.STA.LOC.CHA from the"
        + " header; a model's channel Z matches the channel code ending in Z";
  }

  @Override
  public boolean accepts(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sac");
  }

  @Override
  public List<RecordChannel> channels(Path file, SacReaderOptions options) {
    try (SacStream probe = SacStream.open(file)) {
      return List.of(new RecordChannel(file, probe.id(), SeedChannels.station(probe.id()), probe.start(),
          probe.rate(), OptionalLong.of(probe.samples())));
    }
  }

  @Override
  public SampleStream open(RecordChannel channel, SacReaderOptions options) {
    return SacStream.open(channel.file());
  }

  @Override
  public boolean matches(RecordChannel channel, String modelChannel) {
    return SeedChannels.matches(channel, modelChannel);
  }
}
