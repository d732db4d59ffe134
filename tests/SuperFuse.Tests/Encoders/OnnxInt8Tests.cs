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
        for (int r = 0; r < Sentences.Length; r++) Assert.InRange(Vectors.Cosine(a, r, b, r, 384), 0.97, 1.0001);
        Assert.True(Vectors.Cosine(b, 0, b, 1, 384) > 0.6, "paraphrases");
        Assert.True(Vectors.Cosine(b, 2, b, 3, 384) < 0.3, "unrelated");
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
