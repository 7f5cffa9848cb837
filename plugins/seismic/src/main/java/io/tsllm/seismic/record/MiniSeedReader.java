package io.tsllm.seismic.record;

import io.tsllm.spi.RecordChannel;
import io.tsllm.spi.RecordReader;
import io.tsllm.spi.SampleStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** MiniSEED files (.mseed, .miniseed, .ms) holding a station's channels, decoded record by record by seisFile. */
public final class MiniSeedReader implements RecordReader<MiniSeedReaderOptions> {

  @Override
  public String name() {
    return "miniseed";
  }

  @Override
  public Class<MiniSeedReaderOptions> configType() {
    return MiniSeedReaderOptions.class;
  }

  @Override
  public String description() {
    return "MiniSEED records (.mseed, .miniseed, .ms) through seisFile: every data channel of the file, by"
        + " NET.STA.LOC.CHA; a model's channel Z matches the channel code ending in Z";
  }

  @Override
  public boolean accepts(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".mseed") || name.endsWith(".miniseed") || name.endsWith(".ms");
  }

  @Override
  public List<RecordChannel> channels(Path file, MiniSeedReaderOptions options) {
    List<RecordChannel> channels = new ArrayList<>();
    MiniSeedStream.channels(file).forEach((id, info) -> channels.add(new RecordChannel(file, id,
        SeedChannels.station(id), info.start(), info.rate(), OptionalLong.empty())));
    return channels;
  }

  @Override
  public SampleStream open(RecordChannel channel, MiniSeedReaderOptions options) {
    return MiniSeedStream.open(channel.file(), channel.id(), new MiniSeedStream.ChannelInfo(channel.start(),
        channel.rate()), "fail".equals(options.gaps()));
  }

  @Override
  public boolean matches(RecordChannel channel, String modelChannel) {
    return SeedChannels.matches(channel, modelChannel);
  }
}
