package io.tsllm.datasets.npy;

import io.tsllm.datasets.series.ForecastDatasetBuilder;
import io.tsllm.datasets.series.SeriesTable;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.MissingDataFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Forecasting on a series stored as a NumPy array ({@code .npy}, or one array of an {@code .npz}). */
public final class NpyDatasetLoader implements DatasetLoader<NpyDatasetConfig> {

  @Override
  public String name() {
    return "npy";
  }

  @Override
  public Class<NpyDatasetConfig> configType() {
    return NpyDatasetConfig.class;
  }

  @Override
  public String description() {
    return "NumPy .npy/.npz series [time, channels] (f4/f8/i4/i8, either byte order), forecasting as csv";
  }

  @Override
  public Dataset load(NpyDatasetConfig config, DataContext context) {
    Path file = context.resolve(config.path());
    NpyArray array = file.toString().endsWith(".npz") ? fromArchive(file, config.array())
        : NpyArray.parse(read(file), file, null);
    long[] shape = array.shape();
    if (shape.length < 1 || shape.length > 2 || shape[0] < 1) {
      throw new DataException(file, config.array(), "has shape " + java.util.Arrays.toString(shape)
          + "; expected [time, channels] or [time]");
    }
    int rows = (int) shape[0];
    int channels = shape.length == 2 ? (int) shape[1] : 1;
    List<String> names = config.channelNames() != null ? config.channelNames() : defaultNames(channels);
    if (names.size() != channels) {
      throw new DataException(file, config.array(), "has " + channels + " channels, but data.channel_names names "
          + names.size());
    }
    float[] values = array.values();
    for (int i = 0; i < values.length; i++) {
      if (Float.isInfinite(values[i])) {
        throw new DataException(file, config.array() == null ? "row " + i / channels : config.array() + ", row "
            + i / channels, "channel " + names.get(i % channels) + " is " + values[i] + "; only finite values (or"
            + " NaN for a missing one) can be learned from");
      }
    }
    int[] index = new int[rows];
    for (int r = 0; r < rows; r++) {
      index[r] = r;
    }
    SeriesTable table = new SeriesTable(names, rows, array.values(), "row", index, List.of());
    return new ForecastDatasetBuilder().build(table, config.forecastOptions(names.get(channels - 1)), file);
  }

  private static NpyArray fromArchive(Path file, String name) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      List<String> arrays = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        String entry = e.nextElement().getName();
        if (entry.endsWith(".npy")) {
          arrays.add(entry.substring(0, entry.length() - 4));
        }
      }
      String chosen = name;
      if (chosen == null) {
        if (arrays.size() != 1) {
          throw new DataException(file, null, "holds arrays " + arrays + "; choose one with data.array");
        }
        chosen = arrays.get(0);
      }
      ZipEntry entry = zip.getEntry(chosen + ".npy");
      if (entry == null) {
        throw new DataException(file, null, "has no array '" + chosen + "' (data.array); it has " + arrays);
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return NpyArray.parse(in.readAllBytes(), file, "array '" + chosen + "'");
      }
    } catch (NoSuchFileException e) {
      throw MissingDataFile.of(file, "no such file");
    } catch (ZipException e) {
      throw new DataException(file, null, "is not an .npz (zip) archive: " + e.getMessage());
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw MissingDataFile.of(file, "no such file");
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static List<String> defaultNames(int channels) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      names.add("c" + c);
    }
    return names;
  }
}
