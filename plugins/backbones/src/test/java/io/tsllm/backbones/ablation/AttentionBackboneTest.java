package io.tsllm.backbones.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.Parameter;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.WindowShape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class AttentionBackboneTest {

  static final int WIDTH = 32;
  static final int TOKENS = 5;

  @Test
  void pytorchsMultiheadAttentionHasBiasesAndNoNorm() {
    assertEquals(List.of("q_proj.weight", "q_proj.bias", "k_proj.weight", "k_proj.bias", "v_proj.weight",
        "v_proj.bias", "out_proj.weight", "out_proj.bias"), parameterNames(build(
            new AttentionConfig(WIDTH, 4, 0.0, false, null, null, null, null)).registry));
  }

  @Test
  void tanEtAlsLlm2AttnHasNoBiasesAndEndsInALayerNormOfInputPlusAttention() {
    // OFA/models/Attention.py: projections without bias, dropout, residual, LayerNorm(eps=1e-6) with weight 1 and
    // bias 0 at the start, so every output token has mean 0 and variance 1 over its features.
    Built built = build(new AttentionConfig(WIDTH, 8, 0.1, false, false, 0.1, true, 1e-6));
    assertEquals(List.of("q_proj.weight", "k_proj.weight", "v_proj.weight", "out_proj.weight", "layer_norm.weight",
        "layer_norm.bias"), parameterNames(built.registry));
    float[] out = built.output;
    for (int token = 0; token < out.length / WIDTH; token++) {
      double mean = 0;
      double square = 0;
      for (int i = 0; i < WIDTH; i++) {
        mean += out[token * WIDTH + i] / WIDTH;
      }
      for (int i = 0; i < WIDTH; i++) {
        square += Math.pow(out[token * WIDTH + i] - mean, 2) / WIDTH;
      }
      assertEquals(0, mean, 1e-5, "token " + token);
      assertEquals(1, square, 1e-3, "token " + token);
    }
  }

  private record Built(ParameterRegistry registry, float[] output) {}

  private static List<String> parameterNames(ParameterRegistry registry) {
    return registry.all().stream().map(Parameter::name).map(n -> n.substring(n.indexOf("backbone") + 9)).toList();
  }

  private static Built build(AttentionConfig config) {
    float[] tokens = new float[2 * TOKENS * WIDTH];
    Random random = new Random(3);
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = (float) random.nextGaussian() * 3 + 1;
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      GraphInputs inputs = GraphInputs.create(tf);
      ParameterRegistry registry = new ParameterRegistry();
      ModelGraphContext context = ModelGraphContext.root(tf, new WindowShape(TOKENS, 1, 1, 1, List.of("x")), inputs,
          registry, 5).forSection("backbone");
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, TOKENS, WIDTH)));
      Operand<TFloat32> hidden = new AttentionBackbone().encode(context, config, x);
      try (Session session = new Session(graph);
          TFloat32 input = TFloat32.tensorOf(Shape.of(2, TOKENS, WIDTH), DataBuffers.of(tokens, true, false));
          org.tensorflow.types.TBool no = org.tensorflow.types.TBool.scalarOf(false);
          org.tensorflow.types.TInt64 seed = org.tensorflow.types.TInt64.vectorOf(1, 1)) {
        session.initialize();
        try (Result result = session.runner().feed(x, input).feed(inputs.training(), no)
            .feed(inputs.protocolMasks(), no).feed(inputs.stepSeed(), seed).fetch(hidden).run()) {
          float[] out = new float[tokens.length];
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
          return new Built(registry, out);
        }
      }
    }
  }
}
