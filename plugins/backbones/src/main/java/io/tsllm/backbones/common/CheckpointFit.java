package io.tsllm.backbones.common;

import io.tsllm.converters.bundle.ConvertedModel;
import io.tsllm.spi.DataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether an experiment's backbone settings are a converted checkpoint's: every difference is collected and named
 * with its fix, then all are reported at once.
 */
public final class CheckpointFit {

  private final ConvertedModel converted;
  private final List<String> problems = new ArrayList<>();

  public CheckpointFit(ConvertedModel converted) {
    this.converted = converted;
  }

  /** A field whose configured value must equal the checkpoint's. */
  public CheckpointFit same(String field, Object configured, Object stored) {
    if (!Objects.equals(configured, stored)) {
      problems.add("backbone." + field + " is " + configured + " but the checkpoint's is " + stored + " (set "
          + field + " to " + stored + ")");
    }
    return this;
  }

  /** The experiment may use no more blocks than the converted folder holds. */
  public CheckpointFit layers(int layers) {
    if (layers > converted.layers()) {
      problems.add("backbone.layers is " + layers + ", but " + converted.folder() + " holds only the first "
          + converted.layers() + " (convert again with --layers " + layers + " or more)");
    }
    return this;
  }

  /** Throws naming the folder and every difference, if there is one. */
  public void check() {
    if (!problems.isEmpty()) {
      throw new DataException(converted.folder(), null, "does not fit the experiment: " + String.join("; ", problems));
    }
  }
}
