package io.tsllm.graph;

import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializer;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.WindowShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** The framework's {@link GraphContext}: one per plugin section, all sharing a graph's registry and inputs. */
public final class ModelGraphContext implements GraphContext {

  private final Ops rootTf;
  private final Ops tf;
  private final String scope;
  private final WindowShape windowShape;
  private final GraphInputs inputs;
  private final ParameterRegistry parameters;
  private final long seed;
  private final AtomicInteger dropoutSites;
  private final Path baseFolder;
  private final AdapterMerges merges;
  private final Operand<TFloat32> input;
  private final List<Op> trainingUpdates;
  private final Operand<TFloat32> observed;
  private final CrossPluginInputs crossPlugin;

  private ModelGraphContext(
      Ops rootTf,
      Ops tf,
      String scope,
      WindowShape windowShape,
      GraphInputs inputs,
      ParameterRegistry parameters,
      long seed,
      AtomicInteger dropoutSites,
      Path baseFolder,
      AdapterMerges merges,
      Operand<TFloat32> input,
      List<Op> trainingUpdates,
      Operand<TFloat32> observed,
      CrossPluginInputs crossPlugin) {
    this.rootTf = rootTf;
    this.tf = tf;
    this.scope = scope;
    this.windowShape = windowShape;
    this.inputs = inputs;
    this.parameters = parameters;
    this.seed = seed;
    this.dropoutSites = dropoutSites;
    this.baseFolder = baseFolder;
    this.merges = merges;
    this.input = input;
    this.trainingUpdates = trainingUpdates;
    this.observed = observed;
    this.crossPlugin = crossPlugin;
  }

  /**
   * A root context; use {@link #forSection} to hand each plugin its own scope.
   *
   * @param baseFolder relative paths in the experiment start here (the experiment file's folder)
   */
  public static ModelGraphContext root(Ops tf, WindowShape windowShape, GraphInputs inputs,
      ParameterRegistry parameters, long seed, Path baseFolder) {
    return new ModelGraphContext(
        tf, tf, "", windowShape, inputs, parameters, seed, new AtomicInteger(), baseFolder.toAbsolutePath(),
        new AdapterMerges(), null, new ArrayList<>(), null, new CrossPluginInputs());
  }

  /** A root context resolving relative paths from the working directory. */
  public static ModelGraphContext root(
      Ops tf, WindowShape windowShape, GraphInputs inputs, ParameterRegistry parameters, long seed) {
    return root(tf, windowShape, inputs, parameters, seed, Path.of(""));
  }

  /**
   * A context whose ops live under the name scope {@code section/} and whose parameters are named
   * {@code section.<name>}.
   */
  public ModelGraphContext forSection(String section) {
    return new ModelGraphContext(
        rootTf, tf.withSubScope(section), scope + section + ".", windowShape, inputs, parameters, seed, dropoutSites,
        baseFolder, merges, input, trainingUpdates, observed, crossPlugin);
  }

  /** The same context, whose plugins see {@code input} as the batch's windows ({@link #input()}). */
  public ModelGraphContext withInput(Operand<TFloat32> input) {
    return new ModelGraphContext(
        rootTf, tf, scope, windowShape, inputs, parameters, seed, dropoutSites, baseFolder, merges, input,
        trainingUpdates, observed, crossPlugin);
  }

  /** The same context, telling its plugins which input values are observed ({@link #observed()}). */
  public ModelGraphContext withObserved(Operand<TFloat32> observed) {
    return new ModelGraphContext(
        rootTf, tf, scope, windowShape, inputs, parameters, seed, dropoutSites, baseFolder, merges, input,
        trainingUpdates, observed, crossPlugin);
  }

  /** The host inputs and word embedding plugins of this graph hand each other. */
  public CrossPluginInputs crossPlugin() {
    return crossPlugin;
  }

  @Override
  public Operand<TInt32> hostInput(String name) {
    return crossPlugin.hostInput(name);
  }

  @Override
  public Operand<TFloat32> wordEmbeddings() {
    return crossPlugin.wordEmbeddings();
  }

  @Override
  public Ops tf() {
    return tf;
  }

  @Override
  public WindowShape windowShape() {
    return windowShape;
  }

  @Override
  public Variable<TFloat32> parameter(String name, ParameterRole role, Shape shape, Initializer init) {
    String fullName = scope + name;
    Operand<TInt64> parameterSeed = tf.constant(new long[] {seed, StableHash.of(fullName)});
    Operand<TFloat32> initial = init.create(tf.withInitScope(), shape, parameterSeed);
    // Variables take dotted names at the root: tensorflow-framework's optimizers derive slot names from them and
    // reject the '/' of a name scope.
    Variable<TFloat32> variable = rootTf.withName(fullName).variable(initial);
    parameters.add(new Parameter(fullName, role, shape, variable));
    return variable;
  }

  @Override
  public Variable<TFloat32> state(String name, Shape shape, Initializer init) {
    String fullName = scope + name;
    Operand<TInt64> stateSeed = tf.constant(new long[] {seed, StableHash.of(fullName)});
    return rootTf.withName(fullName).variable(init.create(tf.withInitScope(), shape, stateSeed));
  }

  @Override
  public void updateWhileTraining(Op update) {
    trainingUpdates.add(update);
  }

  /** The updates every plugin asked to run with each training step, shared by all sections of one graph. */
  public List<Op> trainingUpdates() {
    return Collections.unmodifiableList(trainingUpdates);
  }

  @Override
  public Operand<TFloat32> dropout(Operand<TFloat32> x, float rate) {
    if (rate == 0f) {
      return x;
    }
    if (!(rate > 0f && rate < 1f)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    int site = dropoutSites.incrementAndGet();
    Operand<TInt64> siteSeed = tf.math.add(inputs.stepSeed(), tf.constant(new long[] {0, (long) site << 32}));
    return new DropoutMask(tf, inputs.training(), windowDraws()).apply(x, rate, siteSeed);
  }

  @Override
  public Operand<TBool> training() {
    return inputs.training();
  }

  @Override
  public Operand<TBool> protocolMasks() {
    return inputs.protocolMasks();
  }

  @Override
  public Operand<TFloat32> uniformNoise(Operand<TInt32> shape, String site) {
    Operand<TInt64> siteSeed =
        tf.math.add(inputs.stepSeed(), tf.constant(new long[] {StableHash.of(scope + site), 0}));
    return windowDraws().uniform(shape, siteSeed);
  }

  private WindowDraws windowDraws() {
    return new WindowDraws(tf, inputs.windows(), inputs.training());
  }

  @Override
  public Operand<TFloat32> input() {
    if (input == null) {
      throw new IllegalStateException("this graph context was built without the batch's input windows");
    }
    return input;
  }

  @Override
  public Optional<Operand<TFloat32>> observed() {
    return Optional.ofNullable(observed);
  }

  @Override
  public void mergeOnExport(Variable<TFloat32> base, Operand<TFloat32> delta, Variable<TFloat32> reset) {
    merges.add(base, delta, reset);
  }

  /** The adapter merges every plugin declared, shared by all sections of one graph. */
  public AdapterMerges adapterMerges() {
    return merges;
  }

  @Override
  public Path resolve(String path) {
    return baseFolder.resolve(path).normalize();
  }
}
