package io.tsllm.core.run;

import io.tsllm.core.UserInputException;
import io.tsllm.core.io.AtomicFiles;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

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
  /** Held (an OS file lock) by the process running the folder; the OS releases it when that process ends. */
  public static final String LOCK = ".lock";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path path;
  private final JsonRecords records;
  private final Clock clock;
  private final String started;

  private RunDirectory(Path path, JsonRecords records, Clock clock) {
    this.path = path;
    this.records = records;
    this.clock = clock;
    this.started = clock.instant().toString();
  }

  /** Creates a new, empty run folder under {@code outputRoot}; never reuses an existing one. */
  public static RunDirectory create(Path outputRoot, String name, JsonRecords records, Clock clock) {
    try {
      Files.createDirectories(outputRoot);
      String base = name + "-" + LocalDateTime.now(clock).format(STAMP);
      for (int attempt = 1; ; attempt++) {
        Path candidate = outputRoot.resolve(attempt == 1 ? base : base + "-" + attempt);
        try {
          Files.createDirectory(candidate);
          Files.createDirectory(candidate.resolve(CHECKPOINTS));
          return new RunDirectory(candidate, records, clock);
        } catch (FileAlreadyExistsException taken) {
          // another run started in the same second; try the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a run folder under " + outputRoot, e);
    }
  }

  /** Creates the run folder {@code folder} itself (a suite's cell); refuses one that exists already. */
  public static RunDirectory createAt(Path folder, JsonRecords records, Clock clock) {
    try {
      Files.createDirectories(folder.toAbsolutePath().getParent());
      Files.createDirectory(folder);
      Files.createDirectory(folder.resolve(CHECKPOINTS));
      return new RunDirectory(folder, records, clock);
    } catch (FileAlreadyExistsException e) {
      throw new UserInputException(folder + " exists already; a new run needs a folder of its own");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run folder " + folder, e);
    }
  }

  /** An existing run folder, to resume or evaluate. */
  public static RunDirectory open(Path folder, JsonRecords records, Clock clock) {
    if (!Files.isRegularFile(folder.resolve(CONFIG)) || !Files.isDirectory(folder.resolve(CHECKPOINTS))) {
      throw new UserInputException(folder + " is not a run folder (no " + CONFIG + " or " + CHECKPOINTS + "/)");
    }
    return new RunDirectory(folder, records, clock);
  }

  /** The run folder a model path belongs to: the folder itself, or the parent of its {@code saved_model/}. */
  public static Optional<Path> containing(Path model) {
    if (Files.isRegularFile(model.resolve(CONFIG))) {
      return Optional.of(model);
    }
    Path parent = model.toAbsolutePath().getParent();
    return parent != null && Files.isRegularFile(parent.resolve(CONFIG)) ? Optional.of(parent) : Optional.empty();
  }

  /**
   * Takes the folder's lock for this process, or refuses when another process (or another run in this one) holds
   * it. Closing the lock releases it; so does the end of the process, however it ends.
   */
  public Lock lock() {
    return RunFolderLocks.acquire(path, path.resolve(LOCK));
  }

  /** A held run-folder lock; closing releases it. */
  public interface Lock extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Whether a live process holds the folder's lock (a run whose process is gone holds none, whatever its status).
   * Asked from any thread, it never releases a lock this process holds.
   */
  public static boolean isHeld(Path folder) {
    Path file = folder.resolve(LOCK);
    return Files.isRegularFile(file) && RunFolderLocks.isHeld(file);
  }

  /** The state recorded in status.json; empty when it cannot be read. */
  public Optional<RunState> state() {
    return status().map(RunStatus::state);
  }

  /** status.json; empty when it cannot be read. */
  public Optional<RunStatus> status() {
    return records.readIfPresent(path.resolve(STATUS), RunStatus.class);
  }

  /**
   * Removes what a failed run was writing when it failed (hidden {@code .*.tmp} files and folders), so that a full
   * disk leaves no half-written files behind; checkpoints are the store's to tidy.
   */
  public void removeTemporaryFiles() {
    try (java.util.stream.Stream<Path> entries = Files.list(path)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp")) {
          AtomicFiles.deleteTree(entry);
        }
      }
    } catch (IOException e) {
      // best effort: the run already failed for a reason of its own, which must not be hidden
    }
  }

  /** Puts back a status recorded earlier: a resume that could not start leaves the run as it found it. */
  public void restoreStatus(RunStatus status) {
    write(STATUS, status);
  }

  public Provenance provenance() {
    return records.read(path.resolve(PROVENANCE), Provenance.class);
  }

  /**
   * The run's experiment prepared again from its resolved {@code config.json}, relative data paths starting at the
   * folder of the experiment file the run was started from: what resume and evaluate work on.
   */
  public PreparedExperiment reopen(ExperimentPreparer preparer) {
    return preparer.prepare(path.resolve(CONFIG), provenance().experimentFolder());
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

  /** Writes one of the run's JSON files atomically. */
  public void write(String fileName, Object value) {
    records.write(path.resolve(fileName), value);
  }

  /** Adds the end time to provenance.json, so it holds both ends of the run. */
  public void recordEnd() {
    write(PROVENANCE, provenance().endedAt(clock.instant().toString()));
  }

  public void markRunning() {
    writeStatus(RunState.RUNNING, null);
  }

  public void markCompleted() {
    writeStatus(RunState.COMPLETED, null);
  }

  public void markFailed(String reason) {
    writeStatus(RunState.FAILED, reason);
  }

  /** Stopped on request with a resumable checkpoint. */
  public void markInterrupted(String reason) {
    writeStatus(RunState.INTERRUPTED, reason);
  }

  private void writeStatus(RunState state, String error) {
    write(STATUS, new RunStatus(state, started, state == RunState.RUNNING ? null : clock.instant().toString(), error));
  }
}
