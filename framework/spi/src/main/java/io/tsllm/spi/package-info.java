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
 */
package io.tsllm.spi;
