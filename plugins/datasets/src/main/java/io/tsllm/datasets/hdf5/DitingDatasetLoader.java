package io.tsllm.datasets.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.DataException;
import io.tsllm.spi.DatasetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DiTing (Zhao et al., 2022; the Chinese benchmark SeisMoLLM reports on), as SeisT reads it for SeisMoLLM: each part
 * {@code i} is {@code DiTing330km_part_<i>.hdf5} holding one {@code [samples, 3]} (Z, N, E at 50 Hz) dataset per
 * trace under {@code earthquake/}, and {@code DiTing330km_part_<i>.csv} holding the trace's labels (key, p_pick,
 * s_pick, p_motion, evmag and mag_type, dis, baz, ...; {@link DitingMetadata}). A row's waveform is found by its key;
 * the traces then go through the {@code hdf5} loader's pipeline (targets, crop, left-out traces, split, scaler).
 */
public final class DitingDatasetLoader implements DatasetLoader<DitingDatasetConfig> {

  @Override
  public String name() {
    return "diting";
  }

  @Override
  public Class<DitingDatasetConfig> configType() {
    return DitingDatasetConfig.class;
  }

  @Override
  public String description() {
    return "DiTing's HDF5 parts with their CSV labels (picks, first-motion polarity, magnitude, distance,"
        + " back-azimuth), read with jhdf and Jackson CSV";
  }

  @Override
  public io.tsllm.spi.Dataset load(DitingDatasetConfig config, DataContext context) {
    Path folder = context.resolve(config.folder());
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder, null, "is not a folder (data.folder)");
    }
    Map<Integer, Path> csvByPart = new LinkedHashMap<>();
    Map<Integer, Path> hdf5ByPart = new LinkedHashMap<>();
    List<Integer> parts = config.parts() != null ? config.parts()
        : java.util.stream.IntStream.range(0, DitingDatasetConfig.PARTS).boxed().toList();
    for (int part : parts) {
      Path csv = folder.resolve("DiTing330km_part_" + part + ".csv");
      Path hdf5 = folder.resolve("DiTing330km_part_" + part + ".hdf5");
      boolean named = config.parts() != null;
      if (Files.isRegularFile(csv) && Files.isRegularFile(hdf5)) {
        csvByPart.put(part, csv);
        hdf5ByPart.put(part, hdf5);
      } else if (named) {
        throw new DataException(Files.isRegularFile(csv) ? hdf5 : csv, null, "does not exist (data.parts names"
            + " part " + part + ")");
      }
    }
    if (csvByPart.isEmpty()) {
      throw new DataException(folder, null, "holds no DiTing part (DiTing330km_part_<i>.hdf5 with its .csv)");
    }
    Set<String> requested = new LinkedHashSet<>();
    if (config.values() != null) {
      requested.addAll(config.values());
    }
    if (config.labels() != null) {
      requested.add(config.labels());
    }
    if (config.picks() != null) {
      requested.addAll(config.picks());
    }
    if (config.cropAt() != null) {
      requested.add(config.cropAt());
    }
    DitingMetadata metadata = DitingMetadata.read(csvByPart, List.copyOf(requested));
    List<HdfFile> files = new ArrayList<>();
    AutoCloseable closeAll = () -> files.forEach(HdfFile::close);
    try {
      Map<Integer, HdfFile> byPart = new LinkedHashMap<>();
      for (Map.Entry<Integer, Path> entry : hdf5ByPart.entrySet()) {
        try {
          HdfFile hdf = new HdfFile(entry.getValue());
          files.add(hdf);
          byPart.put(entry.getKey(), hdf);
        } catch (HdfException | IllegalArgumentException e) {
          throw new DataException(entry.getValue(), null, "is not a readable HDF5 file: " + e.getMessage());
        }
      }
      List<Dataset> datasets = new ArrayList<>();
      int[] shape = null;
      for (DitingMetadata.Trace trace : metadata.traces()) {
        Path hdf5 = hdf5ByPart.get(trace.part());
        Dataset dataset = waveform(byPart.get(trace.part()), hdf5, trace);
        int[] dims = dataset.getDimensions();
        if (shape == null) {
          shape = dims;
        }
        if (!Arrays.equals(dims, shape) || dims.length != 2 || dims[1] != config.channelNames().size()
            || !NumericArrays.isNumeric(dataset.getJavaType())) {
          throw new DataException(hdf5, "dataset 'earthquake/" + trace.key() + "'", "has shape "
              + Arrays.toString(dims) + "; every trace must be numbers of shape " + (dims.length == 2
                  ? Arrays.toString(shape) : "[samples, " + config.channelNames().size() + "]")
              + " (data.channel_names names " + config.channelNames().size() + " channels)");
        }
        datasets.add(dataset);
      }
      TraceSource waveforms = new TraceSource.Grouped("earthquake", datasets, shape[0], shape[1]);
      Path first = csvByPart.values().iterator().next();
      List<Path> sources = new ArrayList<>(csvByPart.values());
      sources.addAll(hdf5ByPart.values());
      Map<String, Object> about = Map.of("folder", folder.toString(), "parts", List.copyOf(csvByPart.keySet()));
      return Hdf5DatasetLoader.assemble(config, waveforms, (references, finite) -> columns(metadata, references,
          finite), first, "the DiTing parts " + csvByPart.keySet(), closeAll, sources, about);
    } catch (RuntimeException e) {
      files.forEach(HdfFile::close);
      throw e;
    }
  }

  private static Dataset waveform(HdfFile hdf, Path file, DitingMetadata.Trace trace) {
    String path = "earthquake/" + trace.key();
    try {
      Node node = hdf.getByPath(path);
      if (node instanceof Dataset dataset) {
        return dataset;
      }
    } catch (HdfException e) {
      // reported below, with the row that names it
    }
    throw new DataException(trace.csv(), "line " + trace.line(), "names a trace whose waveform '" + path
        + "' is not in " + file);
  }

  private static float[][] columns(DitingMetadata metadata, List<String> references, boolean finite) {
    float[][] columns = new float[references.size()][];
    for (int k = 0; k < columns.length; k++) {
      columns[k] = metadata.column(references.get(k));
      for (int i = 0; finite && i < columns[k].length; i++) {
        if (!Float.isFinite(columns[k][i])) {
          DitingMetadata.Trace trace = metadata.traces().get(i);
          throw new DataException(trace.csv(), "line " + trace.line() + ", column " + references.get(k), "is"
              + " missing; set data.skip_missing_targets to leave such traces out");
        }
      }
    }
    return columns;
  }
}
