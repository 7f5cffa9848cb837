package io.tsllm.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.train.EpochRecord;
import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import org.tensorflow.Session;

/**
 * A JSON-lines record of the run for machines, {@code events.jsonl} in the run folder (appended to on resume):
 * one {@code step} event every {@code every} steps, one {@code epoch} event per epoch, one {@code test} event.
 * Optionally echoed to a stream (the CLI's {@code --json}).
 */
public final class EventLog implements TrainingListener, AutoCloseable {

  static final String FILE = "events.jsonl";
  private final ObjectMapper mapper;
  private final BufferedWriter out;
  private final PrintStream echo;
  private final Clock clock;
  private final int every;

  public EventLog(Path runFolder, ObjectMapper mapper, Clock clock, int every, PrintStream echo) {
    this.mapper = mapper.copy().disable(SerializationFeature.INDENT_OUTPUT);
    this.clock = clock;
    this.every = every;
    this.echo = echo;
    try {
      this.out = Files.newBufferedWriter(runFolder.resolve(FILE), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + runFolder.resolve(FILE), e);
    }
  }

  /** The first event of a run (or of a resumed run's continuation): where its folder and resolved config are. */
  public void started(Path runFolder, Path config, boolean resumed) {
    ObjectNode event = event("started");
    event.put("run_folder", runFolder.toAbsolutePath().toString());
    event.put("config", config.toAbsolutePath().toString());
    event.put("resumed", resumed);
    write(event);
  }

  /**
   * The last event: the state the run ended in (as status.json records it), the error if any, and the test metrics
   * of a completed run.
   */
  public void ended(String state, String error, Map<String, Double> metrics) {
    ObjectNode event = event("ended");
    event.put("state", state);
    if (error != null) {
      event.put("error", error);
    }
    if (!metrics.isEmpty()) {
      event.set("metrics", mapper.valueToTree(metrics));
    }
    write(event);
  }

  @Override
  public void onStep(int epoch, long step, double loss, double learningRate) {
    if (step % every == 0) {
      ObjectNode event = event("step");
      event.put("epoch", epoch);
      event.put("step", step);
      event.put("loss", loss);
      event.put("learning_rate", learningRate);
      write(event);
    }
  }

  @Override
  public void onEpoch(EpochRecord record, double learningRate, long step) {
    ObjectNode event = event("epoch");
    event.put("step", step);
    event.setAll((ObjectNode) mapper.valueToTree(record));
    event.put("learning_rate", learningRate);
    write(event);
  }

  @Override
  public void afterTest(Session session, TrainingOutcome outcome) {
    ObjectNode event = event("test");
    event.put("best_epoch", outcome.bestEpoch());
    event.put("loss", outcome.testLoss());
    event.put("windows", outcome.testWindows());
    event.set("metrics", mapper.valueToTree(outcome.test()));
    write(event);
  }

  private ObjectNode event(String type) {
    ObjectNode event = mapper.createObjectNode();
    event.put("event", type);
    event.put("time", clock.instant().toString());
    return event;
  }

  private void write(ObjectNode event) {
    try {
      String line = mapper.writeValueAsString(event);
      out.write(line);
      out.newLine();
      out.flush();
      if (echo != null) {
        echo.println(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + FILE, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + FILE, e);
    }
  }
}
