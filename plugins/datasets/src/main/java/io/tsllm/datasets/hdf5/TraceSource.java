package io.tsllm.datasets.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.tsllm.spi.DataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the traces of an HDF5 file are: one dataset {@code [traces, samples, channels]} (DiTing-style arrays), or a
 * group of datasets {@code [samples, channels]}, one per trace (STEAD's {@code /data/<trace_name>}), taken in the
 * order of their names. Reads one trace at a time.
 */
interface TraceSource {

  int traces();

  int samples();

  int channels();

  String path();

  /** Trace {@code index}, row-major {@code [samples, channels]}. */
  float[] read(int index);

  /**
   * One value per trace from attribute {@code name}: of the stacked dataset (holding one value per trace) or of
   * each trace's dataset (a scalar; text is parsed, empty or unparsable text gives NaN).
   */
  float[] attribute(String name, Path file);

  static TraceSource open(Node node, Path file) {
    String where = "'" + node.getPath() + "'";
    if (node instanceof Dataset dataset) {
      int[] dims = dataset.getDimensions();
      if (dims.length != 3 || !NumericArrays.isNumeric(dataset.getJavaType())) {
        throw new DataException(file, "dataset " + where, "has shape " + Arrays.toString(dims) + " of "
            + dataset.getJavaType().getSimpleName() + "; expected numbers [traces, samples, channels], or a group"
            + " of [samples, channels] datasets");
      }
      return new Stacked(dataset, dims);
    }
    Group group = (Group) node;
    List<Dataset> traces = new ArrayList<>();
    group.getChildren().keySet().stream().sorted().forEach(name -> {
      if (group.getChild(name) instanceof Dataset d) {
        traces.add(d);
      }
    });
    if (traces.isEmpty()) {
      throw new DataException(file, "group " + where, "holds no trace datasets");
    }
    int[] first = traces.get(0).getDimensions();
    for (Dataset trace : traces) {
      if (!Arrays.equals(trace.getDimensions(), first) || first.length != 2
          || !NumericArrays.isNumeric(trace.getJavaType())) {
        throw new DataException(file, "dataset '" + trace.getPath() + "'", "has shape "
            + Arrays.toString(trace.getDimensions()) + "; every trace of " + where + " must be numbers of shape "
            + (first.length == 2 ? Arrays.toString(first) : "[samples, channels]"));
      }
    }
    return new Grouped(group.getPath(), traces, first[0], first[1]);
  }

  /** A single {@code [traces, samples, channels]} dataset, read by hyperslab. */
  record Stacked(Dataset dataset, int[] dims) implements TraceSource {

    @Override
    public int traces() {
      return dims[0];
    }

    @Override
    public int samples() {
      return dims[1];
    }

    @Override
    public int channels() {
      return dims[2];
    }

    @Override
    public String path() {
      return dataset.getPath();
    }

    @Override
    public float[] read(int index) {
      Object data = dataset.getData(new long[] {index, 0, 0}, new int[] {1, dims[1], dims[2]});
      return NumericArrays.flatten(data, dims[1] * dims[2]);
    }

    @Override
    public float[] attribute(String name, Path file) {
      Attribute attribute = dataset.getAttribute(name);
      if (attribute == null) {
        throw new DataException(file, "dataset '" + dataset.getPath() + "'", "has no attribute '" + name
            + "'; it has " + dataset.getAttributes().keySet());
      }
      float[] values = NumericArrays.flatten(attribute.getData(), (int) attribute.getSize());
      if (values == null || values.length != traces()) {
        throw new DataException(file, "attribute '" + name + "' of '" + dataset.getPath() + "'", "holds "
            + attribute.getSize() + " values; expected one number per trace (" + traces() + ")");
      }
      return values;
    }
  }

  /** STEAD's layout: a group with one {@code [samples, channels]} dataset per trace. */
  record Grouped(String path, List<Dataset> datasets, int samples, int channels) implements TraceSource {

    @Override
    public int traces() {
      return datasets.size();
    }

    @Override
    public float[] read(int index) {
      return NumericArrays.flatten(datasets.get(index).getData(), samples * channels);
    }

    @Override
    public float[] attribute(String name, Path file) {
      float[] values = new float[datasets.size()];
      for (int i = 0; i < values.length; i++) {
        Attribute attribute = datasets.get(i).getAttribute(name);
        if (attribute == null) {
          throw new DataException(file, "dataset '" + datasets.get(i).getPath() + "'", "has no attribute '" + name
              + "'; it has " + datasets.get(i).getAttributes().keySet());
        }
        values[i] = NumericArrays.scalar(attribute.getData());
      }
      return values;
    }
  }
}
