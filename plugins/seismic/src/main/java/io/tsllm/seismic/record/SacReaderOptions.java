package io.tsllm.seismic.record;

import io.tsllm.spi.PluginConfig;

/** SAC files take no options: the header says everything (one channel, its time, rate and byte order). */
public record SacReaderOptions() implements PluginConfig {}
