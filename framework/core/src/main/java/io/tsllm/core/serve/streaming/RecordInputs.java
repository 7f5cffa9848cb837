package io.tsllm.core.serve.streaming;

import io.tsllm.core.UserInputException;
import io.tsllm.core.plugin.DiscoveredPlugin;
import io.tsllm.core.plugin.PluginKind;
import io.tsllm.core.plugin.PluginRegistry;
import io.tsllm.spi.DataException;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.RecordChannel;
import io.tsllm.spi.RecordReader;
import io.tsllm.spi.SampleStream;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels {@code predict} streams, read by a record reader plugin: the one named, or the one that accepts the
 * input files; its options bound; the model's channels chosen by id or matched by name as the reader matches them
 * (SEED codes for seismic records); all of one source (a station).
 */
final class RecordInputs {

  private final PluginRegistry plugins;
  private final PluginOptionBinder options;

  @Inject
  RecordInputs(PluginRegistry plugins, PluginOptionBinder options) {
    this.plugins = plugins;
    this.options = options;
  }

  /** The opened channels, in the model's order, and the source they share. */
  record Opened(List<SampleStream> streams, String source) {}

  /** A reader with its options bound, for the files it will read. */
  record Resolved(List<Path> files, RecordReader<PluginConfig> reader, PluginConfig options) {}

  /**
   * The reader of {@code files} with its options bound: checked before any model is loaded.
   *
   * @param reader the reader's name, or null for the one that accepts the files
   */
  Resolved resolve(List<Path> files, String reader, List<String> readerOptions) {
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new UserInputException("--input: " + file + " does not exist");
      }
    }
    DiscoveredPlugin plugin = reader != null ? named(reader) : accepting(files);
    @SuppressWarnings("unchecked")
    RecordReader<PluginConfig> records = (RecordReader<PluginConfig>) plugin.plugin();
    return new Resolved(List.copyOf(files), records, options.bind("--reader-option", plugin, readerOptions));
  }

  /**
   * @param ids the input channel ids in the model's order, or empty to match them by the model's channel names
   */
  Opened open(Resolved resolved, List<String> modelChannels, List<String> ids) {
    RecordReader<PluginConfig> records = resolved.reader();
    PluginConfig config = resolved.options();
    Map<String, RecordChannel> available = new LinkedHashMap<>();
    for (Path file : resolved.files()) {
      for (RecordChannel channel : records.channels(file, config)) {
        if (available.put(channel.id(), channel) != null) {
          throw new DataException(file, "channel " + channel.id(), "is given twice (in several input files); give"
              + " each channel once");
        }
      }
    }
    List<RecordChannel> chosen = ids.isEmpty() ? matched(records, available, modelChannels)
        : named(available, modelChannels, ids);
    List<String> sources = chosen.stream().map(RecordChannel::source).distinct().toList();
    if (sources.size() != 1) {
      throw new UserInputException("the channels " + chosen.stream().map(RecordChannel::id).toList()
          + " belong to several sources " + sources + "; stream one station (one source) at a time");
    }
    List<SampleStream> streams = new ArrayList<>();
    try {
      for (RecordChannel channel : chosen) {
        streams.add(records.open(channel, config));
      }
    } catch (RuntimeException e) {
      streams.forEach(SampleStream::close);
      throw e;
    }
    return new Opened(streams, sources.get(0));
  }

  private DiscoveredPlugin named(String reader) {
    return plugins.find(PluginKind.READER, reader).orElseThrow(() -> new UserInputException("--reader: " + reader
        + " (the record readers are " + plugins.names(PluginKind.READER) + "; add others with --plugins)"));
  }

  private DiscoveredPlugin accepting(List<Path> files) {
    DiscoveredPlugin found = null;
    for (Path file : files) {
      Optional<DiscoveredPlugin> reader = plugins.all(PluginKind.READER).stream()
          .filter(p -> ((RecordReader<?>) p.plugin()).accepts(file)).findFirst();
      if (reader.isEmpty()) {
        throw new UserInputException("--input: no record reader reads " + file.getFileName() + " (the readers are "
            + plugins.names(PluginKind.READER) + ", `plugins` says which files each reads; name one with --reader,"
            + " or add a reader plugin with --plugins)");
      }
      if (found != null && found != reader.get()) {
        throw new UserInputException("--input: the files are of several formats (" + found.name() + ", "
            + reader.get().name() + "); stream one format at a time");
      }
      found = reader.get();
    }
    return found;
  }

  private static List<RecordChannel> named(Map<String, RecordChannel> available, List<String> modelChannels,
      List<String> ids) {
    if (ids.size() != modelChannels.size()) {
      throw new UserInputException("--channels names " + ids.size() + " channels; the model takes "
          + modelChannels.size() + " " + modelChannels);
    }
    List<RecordChannel> chosen = new ArrayList<>();
    for (String id : ids) {
      RecordChannel channel = available.get(id);
      if (channel == null) {
        throw new UserInputException("--channels: " + id + " is not in the input (it holds " + available.keySet()
            + ")");
      }
      chosen.add(channel);
    }
    return chosen;
  }

  private static List<RecordChannel> matched(RecordReader<?> reader, Map<String, RecordChannel> available,
      List<String> modelChannels) {
    List<RecordChannel> chosen = new ArrayList<>();
    for (String name : modelChannels) {
      List<RecordChannel> matches = available.values().stream().filter(c -> reader.matches(c, name)).toList();
      if (matches.size() != 1) {
        throw new UserInputException("the model's channel " + name + " matches " + (matches.isEmpty() ? "none"
            : matches.stream().map(RecordChannel::id).toList()) + " of the input's channels " + available.keySet()
            + "; name the input channels in the model's order " + modelChannels + " with --channels");
      }
      chosen.add(matches.get(0));
    }
    return chosen;
  }
}
