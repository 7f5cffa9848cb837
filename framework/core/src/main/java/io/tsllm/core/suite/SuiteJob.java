package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;

/**
 * The steps of a suite that do not depend on where its cells run (here or on Spark): read and check the suite, lay
 * out its folder, and write the report from whatever its cells have recorded.
 */
public final class SuiteJob {

  private final SuiteFileReader reader;
  private final SuitePlanner planner;
  private final ObjectMapper mapper;

  @Inject
  public SuiteJob(SuiteFileReader reader, SuitePlanner planner, ObjectMapper mapper) {
    this.reader = reader;
    this.planner = planner;
    this.mapper = mapper;
  }

  /** A plan whose cells were all checked. */
  public Planned plan(Path suiteFile, List<String> overrides) {
    return plan(suiteFile, overrides, cell -> true);
  }

  /**
   * @param runs the cells this invocation will run: every cell is bound (its config checked), these are also
   *     prepared (data read, weights loaded, graph built)
   */
  public Planned plan(Path suiteFile, List<String> overrides, java.util.function.Predicate<SuiteCell> runs) {
    JsonNode json = reader.parse(suiteFile);
    SuitePlan plan = planner.expand(reader.read(json, suiteFile), overrides);
    planner.validate(plan, runs);
    return new Planned(plan, json);
  }

  /** The names of a suite file's arms, as written. */
  public List<String> armNames(Path suiteFile) {
    return reader.read(suiteFile).arms().stream().map(SuiteDefinition.Arm::name).toList();
  }

  /** A checked plan with the suite file's JSON, which the suite folder records. */
  public record Planned(SuitePlan plan, JsonNode json) {}

  /** The suite's folder under {@code outputRoot}, with the plan recorded (or checked against the one recorded). */
  public SuiteFolder folder(Planned planned, Path outputRoot) {
    SuiteFolder folder = new SuiteFolder(outputRoot.resolve(planned.plan().definition().name()), mapper);
    folder.recordPlan(planned.plan(), planned.json());
    return folder;
  }

  /** The plan recorded in a suite folder, for a report at any time (the suite file may have moved on since). */
  public SuitePlan recorded(SuiteFolder folder) {
    SuiteFolder.RecordedPlan recorded = folder.readPlan();
    return planner.expand(reader.read(recorded.suite(), recorded.file()), recorded.overrides());
  }

  public SuiteResults report(SuitePlan plan, SuiteFolder folder) {
    return new SuiteReport(mapper).write(plan, folder);
  }
}
