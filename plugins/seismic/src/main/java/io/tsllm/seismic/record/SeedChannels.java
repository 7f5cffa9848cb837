package io.tsllm.seismic.record;

import io.tsllm.spi.RecordChannel;
import java.util.Locale;

/** SEED naming: channel ids {@code NET.STA.LOC.CHA}, whose channel code ends with the component (HHZ is Z). */
final class SeedChannels {

  private SeedChannels() {}

  /** {@code NET.STA.LOC} of a channel id: the station a pick is made at. */
  static String station(String id) {
    int dot = id.lastIndexOf('.');
    return dot < 0 ? id : id.substring(0, dot);
  }

  /** Whether the channel's code ends with {@code modelChannel}: {@code Z} matches HHZ, {@code HZ} matches HHZ. */
  static boolean matches(RecordChannel channel, String modelChannel) {
    String code = channel.id().substring(channel.id().lastIndexOf('.') + 1);
    return !modelChannel.isEmpty() && code.toUpperCase(Locale.ROOT).endsWith(modelChannel.toUpperCase(Locale.ROOT));
  }
}
