/**
 * The service provider interface of tsllm: the only package a plugin compiles against.
 *
 * <p>A plugin is a class with a public no-argument constructor that implements one of {@link DatasetLoader},
 * {@link Embedder}, {@link Backbone} or {@link Head}, and is listed in its jar's
 * {@code META-INF/services/<interface name>} file so that {@link java.util.ServiceLoader} finds it.
 *
 * <p>Each plugin has a unique {@link Plugin#name() name} and owns a {@link PluginConfig config type}. An experiment
 * file selects a plugin with {@code {"type": "<name>", ...}}; the remaining fields are bound by Jackson (with
 * snake_case names) to the plugin's config type, and then {@link PluginConfig#validate(ConfigProblems)} checks values.
 *
 * <p>Model plugins build their part of one TensorFlow graph through a {@link GraphContext}: the framework feeds a
 * batch of windows {@code [batch, input_length, channels]}, the embedder turns it into {@link FeatureTokens}, the
 * backbone encodes the tokens, and the head produces predictions and the training loss. Plugins never run a
 * session; the framework owns training, checkpoints and outputs.
 *
 * <p>A dataset's {@link WindowShape} says what its targets are ({@link TargetKind}: future steps, a class, labels
 * per step, scalar values, or none), and heads refuse data they cannot learn from. A head declares what it
 * produces in a {@link HeadContract}: the {@link OutputRole role} of its prediction and of each further output
 * (a forecast, a filled series, a step score with its {@link StepFlag flag}, class probabilities, values, a mask),
 * the input channels a series-shaped output holds (so exports give original units), its metrics with their
 * {@link MetricSpec.Direction direction}, its {@link Baseline baselines} and its {@link CalibrationValue
 * calibration values}. The framework serves ({@code predict}), evaluates, plots, tabulates and summarizes a head by
 * these declarations alone, so a head from a plugin jar is treated as a built-in one. A head may also hide inputs
 * before the embedder ({@link Head#prepareInput} returning a {@link PreparedInput}, e.g. imputation masks drawn with
 * {@link GraphContext#uniformNoise} when {@link GraphContext#protocolMasks} holds), and calibrate its test
 * evaluator on the training split ({@link Head#calibrator}). Plugins keep non-trained state such as batch-norm
 * statistics with {@link GraphContext#state} and {@link GraphContext#updateWhileTraining}.
 *
 * <p>Build against this package with the Maven artifact {@code io.tsllm:tsllm-spi} in {@code provided} scope;
 * {@code plugins/starter} in the repository is a complete plugin project with one plugin of each kind.
 */
package io.tsllm.spi;
