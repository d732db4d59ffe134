using SuperFuse.Encoders;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Encoders;

/// <summary>The int8 rewrite of a text tower's matrix products: what it changes, and how close its embeddings stay.</summary>
public sealed class OnnxInt8Tests
{
    private static readonly string[] Sentences =
    [
        "A man is playing a guitar on stage.",
        "Someone performs music with a guitar at a concert.",
        "The central bank raised interest rates again.",
        "My cat sleeps all afternoon on the warm sofa.",
        "so happy today!!! #sunshine",
    ];

    private static double Cosine(float[] a, float[] b, int dim, int ra, int rb)
    {
        double dot = 0, na = 0, nb = 0;
        for (int j = 0; j < dim; j++)
        {
            double x = a[(ra * dim) + j], y = b[(rb * dim) + j];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.Sqrt(na * nb);
    }

    [Fact]
    public void MiniLM_on_int8_weights_stays_close_to_float32_and_keeps_its_similarities()
    {
        var (model, _) = DefaultEncoders.MiniLMFiles();
        var (rewritten, count) = OnnxInt8.QuantizeMatMuls(model);
        Assert.Equal(36, count);   // six layers × (Q, K, V, output, two feed-forward matrices)
        Assert.True(rewritten.Length < model.Length * 0.75, "the float32 weights replaced by int8 copies should be dropped");

        using var exact = DefaultEncoders.OpenMiniLM(threads: 2);
        using var int8 = DefaultEncoders.OpenMiniLM(threads: 2, quantized: true);
        Assert.Equal("minilm+int8", int8.Name);
        var a = exact.Encode(Sentences);
        var b = int8.Encode(Sentences);
        for (int r = 0; r < Sentences.Length; r++) Assert.InRange(Cosine(a, b, 384, r, r), 0.97, 1.0001);
        Assert.True(Cosine(b, b, 384, 0, 1) > 0.6, "paraphrases");
        Assert.True(Cosine(b, b, 384, 2, 3) < 0.3, "unrelated");
        Assert.Equal(b, int8.Encode(Sentences));
        Assert.All(b, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void A_model_without_matrix_products_is_left_alone_and_refused_for_int8()
    {
        var tiny = TinyTextOnnx.MaxAndMinId();
        var (rewritten, count) = OnnxInt8.QuantizeMatMuls(tiny);
        Assert.Equal(0, count);
        var error = Assert.Throws<UserInputException>(() => OnnxInt8.Required(tiny, "tiny.onnx"));
        Assert.StartsWith("tiny.onnx: has no MatMul", error.Message, StringComparison.Ordinal);
        Assert.True(rewritten.Length >= tiny.Length);
    }
}
