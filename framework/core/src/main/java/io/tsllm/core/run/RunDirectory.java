package io.tsllm.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One run's folder: {@code <output>/<name>-<yyyyMMdd-HHmmss>/} with the resolved config, provenance, status, log,
 * metrics and checkpoints. {@code status.json} says {@code running} from the start and {@code completed} only
 * after metrics were written; a run stopped on request says {@code interrupted} (resumable); any other end says
 * {@code failed}, or is left at {@code running} if the process was killed.
 */
public final class RunDirectory {

  public static final String CONFIG = "config.json";
  public static final String PROVENANCE = "provenance.json";
  public static final String STATUS = "status.json";
  public static final String METRICS = "metrics.json";
  public static final String PARAMETERS = "parameters.json";
  public static final String LOG = "run.log";
  public static final String CHECKPOINTS = "checkpoints";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path path;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final String started;

  private RunDirectory(Path path, ObjectMapper mapper, Clock clock) {
    this.path = path;
    this.mapper = mapper;
    this.clock = clock;
    this.started = clock.instant().toString();
  }

  /** Creates a new, empty run folder under {@code outputRoot}; never reuses an existing one. */
  public static RunDirectory create(Path outputRoot, String name, ObjectMapper mapper, Clock clock) {
    try {
      Files.createDirectories(outputRoot);
      String base = name + "-" + LocalDateTime.now(clock).format(STAMP);
      for (int attempt = 1; ; attempt++) {
        Path candidate = outputRoot.resolve(attempt == 1 ? base : base + "-" + attempt);
        try {
          Files.createDirectory(candidate);
          Files.createDirectory(candidate.resolve(CHECKPOINTS));
          return new RunDirectory(candidate, mapper, clock);
        } catch (java.nio.file.FileAlreadyExistsException taken) {
          // another run started in the same second; try the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a run folder under " + outputRoot, e);
    }
  }

  /** An existing run folder, to resume. */
  public static RunDirectory open(Path folder, ObjectMapper mapper, Clock clock) {
    if (!Files.isRegularFile(folder.resolve(CONFIG)) || !Files.isDirectory(folder.resolve(CHECKPOINTS))) {
      throw new io.tsllm.core.UserInputException(folder + " is not a run folder (no " + CONFIG + " or "
          + CHECKPOINTS + "/)");
    }
    return new RunDirectory(folder, mapper, clock);
  }

  /** The state recorded in status.json, or null. */
  public String state() {
    try {
      return mapper.readTree(path.resolve(STATUS).toFile()).path("state").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  public Path path() {
    return path;
  }

  public Path checkpoints() {
    return path.resolve(CHECKPOINTS);
  }

  public Path log() {
    return path.resolve(LOG);
  }

  public void writeJson(String fileName, Object value) {
    try {
      AtomicFiles.write(path.resolve(fileName), mapper.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path.resolve(fileName), e);
    }
  }

  /** Adds the end time to provenance.json, so it holds both ends of the run. */
  public void recordEnd() {
    try {
      ObjectNode provenance = (ObjectNode) mapper.readTree(path.resolve(PROVENANCE).toFile());
      provenance.put("ended", clock.instant().toString());
      writeJson(PROVENANCE, provenance);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + path.resolve(PROVENANCE), e);
    }
  }

  public void markRunning() {
    writeStatus("running", null);
  }

  public void markCompleted() {
    writeStatus("completed", null);
  }

  public void markFailed(String reason) {
    writeStatus("failed", reason);
  }

  /** Stopped on request with a resumable checkpoint. */
  public void markInterrupted(String reason) {
    writeStatus("interrupted", reason);
  }

  private void writeStatus(String state, String error) {
    ObjectNode status = mapper.createObjectNode();
    status.put("state", state);
    status.put("started", started);
    if (!"running".equals(state)) {
      status.put("ended", clock.instant().toString());
    }
    if (error != null) {
      status.put("error", error);
    }
    writeJson(STATUS, status);
  }
}
