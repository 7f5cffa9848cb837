package io.tsllm.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every parameter of one model graph, in creation order. */
public final class ParameterRegistry {

  private final Map<String, Parameter> byName = new LinkedHashMap<>();

  void add(Parameter parameter) {
    if (byName.putIfAbsent(parameter.name(), parameter) != null) {
      throw new IllegalStateException("two parameters are named " + parameter.name());
    }
  }

  public List<Parameter> all() {
    return Collections.unmodifiableList(new ArrayList<>(byName.values()));
  }

  public long totalSize() {
    return byName.values().stream().mapToLong(Parameter::size).sum();
  }
}
