package io.tsllm.backbones.patchtst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.converters.safetensors.SafetensorsFile;
import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.Parameter;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.WindowShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The patchtst backbone against tools/patchtst_reference.py (float64 NumPy of PatchTST's TSTiEncoder after W_P):
 * d_model 16, 4 heads, 3 layers, d_ff 32, 6 tokens, 10 sequences, residual attention on, every weight random
 * (BatchNorm's too), dropout off. One pass in training mode (batch statistics, and the running statistics it
 * leaves), then one in evaluation mode (those running statistics), each to 1e-5.
 */
class PatchTstParityTest {

  static final Path BATCH_NORM = Path.of("src/test/resources/patchtst-reference");
  static final Path LAYER_NORM = Path.of("src/test/resources/patchtst-layernorm-reference");
  static final double TOLERANCE = 1e-5;

  @Test
  void batchNormEncoderMatchesTheReferenceInTrainingAndEvaluationMode() {
    assertMatches(BATCH_NORM, config("batch", true));
  }

  @Test
  void layerNormEncoderMatchesItsReference() {
    assertMatches(LAYER_NORM, config("layer", true));
  }

  @Test
  void withoutResidualAttentionTheReferenceIsMissed() {
    assertThrows(AssertionFailedError.class, () -> assertMatches(BATCH_NORM, config("batch", false)));
  }

  static PatchTstConfig config(String norm, boolean residualAttention) {
    return new PatchTstConfig(16, 4, 3, 32, 0.0, 0.0, norm, false, residualAttention, "gelu");
  }

  static void assertMatches(Path fixture, PatchTstConfig config) {
    Map<String, float[]> weights = readAll(fixture.resolve("model.safetensors"));
    float[] tokens = readAll(fixture.resolve("inputs.safetensors")).get("tokens");
    int count = 6;
    int sequences = tokens.length / (count * config.dModel());
    try (Graph graph = new Graph();
        SafetensorsFile reference = SafetensorsFile.open(fixture.resolve("reference.safetensors"))) {
      Ops tf = Ops.create(graph);
      GraphInputs inputs = GraphInputs.create(tf);
      ParameterRegistry registry = new ParameterRegistry();
      ModelGraphContext root = ModelGraphContext.root(tf, new WindowShape(count, 1, 1, 1, List.of("x")), inputs,
          registry, 7);
      ModelGraphContext context = root.forSection("backbone");
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, count, config.dModel())));
      Operand<TFloat32> hidden = new PatchTstBackbone().encode(context, config, x);
      // Every parameter set to the fixture's values, by its PatchTST name.
      List<Op> assignments = new ArrayList<>();
      int matched = 0;
      for (Parameter parameter : registry.all()) {
        String name = parameter.name().substring(parameter.name().indexOf("backbone") + "backbone".length() + 1);
        float[] values = weights.get(name);
        if (values != null) {
          assignments.add(tf.assign(parameter.variable(), tf.constant(parameter.shape(),
              DataBuffers.of(values, true, false))));
          matched++;
        }
      }
      assertEquals(weights.size(), matched, "every fixture tensor is a parameter of the graph");
      Map<String, Operand<TFloat32>> running = new LinkedHashMap<>();
      if (config.batchNorm()) {
        for (int layer = 0; layer < config.eLayers(); layer++) {
          for (String norm : List.of("norm_attn", "norm_ffn")) {
            for (String statistic : List.of("running_mean", "running_var")) {
              String name = "layers." + layer + "." + norm + "." + statistic;
              running.put(name, graph.operation(registry.all().get(0).name()
                  .substring(0, registry.all().get(0).name().indexOf("backbone") + "backbone".length() + 1) + name)
                  .output(0));
            }
          }
        }
      }
      try (Session session = new Session(graph);
          TFloat32 input = TFloat32.tensorOf(Shape.of(sequences, count, config.dModel()),
              DataBuffers.of(tokens, true, false));
          TBool yes = TBool.scalarOf(true);
          TBool no = TBool.scalarOf(false);
          TInt64 seed = TInt64.vectorOf(1, 1)) {
        session.initialize();
        Session.Runner assign = session.runner();
        assignments.forEach(assign::addTarget);
        assign.run();
        Session.Runner training = session.runner().feed(x, input).feed(inputs.training(), yes)
            .feed(inputs.protocolMasks(), yes).feed(inputs.stepSeed(), seed).fetch(hidden);
        context.trainingUpdates().forEach(training::addTarget);
        try (Result result = training.run()) {
          assertClose(reference.readDoubles("training"), (TFloat32) result.get(0), "training mode");
        }
        for (var statistic : running.entrySet()) {
          try (Result result = session.runner().fetch(statistic.getValue()).run()) {
            assertClose(reference.readDoubles(statistic.getKey()), (TFloat32) result.get(0), statistic.getKey());
          }
        }
        try (Result result = session.runner().feed(x, input).feed(inputs.training(), no)
            .feed(inputs.protocolMasks(), no).feed(inputs.stepSeed(), seed).fetch(hidden).run()) {
          assertClose(reference.readDoubles("evaluation"), (TFloat32) result.get(0), "evaluation mode");
        }
      }
    }
  }

  private static Map<String, float[]> readAll(Path file) {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    try (SafetensorsFile tensorsFile = SafetensorsFile.open(file)) {
      for (String name : tensorsFile.tensors().keySet()) {
        tensors.put(name, tensorsFile.readFloats(name));
      }
    }
    return tensors;
  }

  private static void assertClose(double[] expected, TFloat32 actualTensor, String what) {
    float[] actual = new float[expected.length];
    actualTensor.copyTo(DataBuffers.of(actual, false, false));
    double maxError = 0;
    for (int i = 0; i < expected.length; i++) {
      maxError = Math.max(maxError, Math.abs(actual[i] - expected[i]));
    }
    assertTrue(maxError < TOLERANCE, what + ": max abs error " + maxError + " against the float64 reference");
  }
}
