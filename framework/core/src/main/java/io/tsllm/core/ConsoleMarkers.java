package io.tsllm.core;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** Markers for log lines the console shows even when turned down with {@code --quiet}. */
public final class ConsoleMarkers {

  /**
   * Where things are and how to go on: the run folder at the start, the {@code run --resume} line of a stopped
   * run. Scripts and people need these however quiet the console is.
   */
  public static final Marker ESSENTIAL = MarkerFactory.getMarker("ESSENTIAL");

  private ConsoleMarkers() {}
}
