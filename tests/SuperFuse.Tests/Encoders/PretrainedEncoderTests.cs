using SuperFuse.Encoders;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Encoders;

/// <summary>The shipped pretrained encoders: similarity, determinism, batching, and the generic ONNX path.</summary>
public sealed class PretrainedEncoderTests : IClassFixture<PretrainedEncoderTests.Models>
{
    public sealed class Models : IDisposable
    {
        public TextEncoder Text { get; } = DefaultEncoders.OpenMiniLM(threads: 2);
        public ImageEncoder Image { get; } = DefaultEncoders.OpenResNet18(threads: 2);

        public void Dispose()
        {
            Text.Dispose();
            Image.Dispose();
        }
    }

    private readonly Models models;

    public PretrainedEncoderTests(Models models) => this.models = models;

    [Fact]
    public void MiniLM_puts_paraphrases_close_and_unrelated_sentences_apart()
    {
        var v = models.Text.Encode([
            "A man is playing a guitar on stage.",
            "Someone performs music with a guitar at a concert.",
            "The central bank raised interest rates again.",
            "My cat sleeps all afternoon on the warm sofa.",
        ]);
        Assert.Equal(384, models.Text.Dim);
        Assert.True(Vectors.Cosine(v, 0, v, 1, 384) > 0.6, $"paraphrases: {Vectors.Cosine(v, 0, v, 1, 384)}");
        Assert.True(Vectors.Cosine(v, 2, v, 3, 384) < 0.3, $"unrelated: {Vectors.Cosine(v, 2, v, 3, 384)}");
        Assert.True(Vectors.Cosine(v, 0, v, 2, 384) < 0.3, $"unrelated: {Vectors.Cosine(v, 0, v, 2, 384)}");
    }

    [Fact]
    public void Text_embeddings_are_deterministic_finite_and_unit_length()
    {
        string[] texts = ["so happy today!!! #sunshine", "worst service ever, never again", "ok"];
        var a = models.Text.Encode(texts);
        var b = models.Text.Encode(texts);
        Assert.Equal(a, b);
        Assert.All(a, x => Assert.True(float.IsFinite(x)));
        for (int r = 0; r < texts.Length; r++)
        {
            Assert.Equal(1.0, Math.Sqrt(a.Skip(r * 384).Take(384).Sum(x => (double)x * x)), 4);
        }
    }

    private static float[] Noise(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * 3 * 224 * 224).Select(_ => (float)random.Next(256)).ToArray();
    }

    [Fact]
    public void ResNet18_gives_512_finite_deterministic_features_and_batches_equal_single_images()
    {
        var pixels = Noise(3, 7);
        var batch = models.Image.Encode(pixels, 3);
        Assert.Equal(512, models.Image.Dim);
        Assert.Equal(3 * 512, batch.Length);
        Assert.All(batch, x => Assert.True(float.IsFinite(x)));
        Assert.Equal(batch, models.Image.Encode(pixels, 3));
        int plane = 3 * 224 * 224;
        for (int r = 0; r < 3; r++)
        {
            var single = models.Image.Encode(pixels.AsSpan(r * plane, plane).ToArray(), 1);
            for (int j = 0; j < 512; j++) Assert.Equal(single[j], batch[r * 512 + j], 3);
        }
    }

    [Fact]
    public void The_generic_onnx_text_path_reproduces_MiniLM()
    {
        using var dir = new TempDir();
        var (model, vocabulary) = DefaultEncoders.MiniLMFiles();
        File.WriteAllBytes(dir.File("model.onnx"), model);
        File.WriteAllText(dir.File("vocab.txt"), vocabulary);
        using var generic = EncoderSpec.Text("onnx:" + dir.File("model.onnx"), "wordpiece:" + dir.File("vocab.txt"), new TextOptions(), threads: 2);
        string[] texts = ["a generic path", "through the same model"];
        Assert.Equal(models.Text.Encode(texts), generic.Encode(texts));
    }

    /// <summary>
    /// A CLIP-format vocabulary whose whole words carry MiniLM's WordPiece ids: clip-bpe then feeds MiniLM exactly the
    /// ids its own tokenizer would, so the generic path must give MiniLM's embeddings.
    /// </summary>
    private static TextEncoder MiniLMThroughClipBpe(TempDir dir, TextOptions options)
    {
        var (model, vocabulary) = DefaultEncoders.MiniLMFiles();
        var wordPiece = vocabulary.Split('\n').Select((token, id) => (token.TrimEnd('\r'), id)).ToDictionary(p => p.Item1, p => p.id);
        var named = new Dictionary<string, string> { ["<|startoftext|>"] = "[CLS]", ["<|endoftext|>"] = "[SEP]" };
        int unused = 0;
        int IdOf(string token) => named.TryGetValue(token, out string? piece) ? wordPiece[piece]
            : token.EndsWith("</w>", StringComparison.Ordinal) && wordPiece.TryGetValue(token[..^4], out int id) ? id
            : wordPiece[$"[unused{unused++}]"];
        var (vocab, merges) = ToyClip.Write(dir, IdOf);
        File.WriteAllBytes(dir.File("model.onnx"), model);
        return EncoderSpec.Text("onnx:" + dir.File("model.onnx"), $"clip-bpe:{vocab},{merges}", options, threads: 2);
    }

    [Fact]
    public void The_generic_onnx_text_path_with_clip_bpe_reproduces_MiniLM()
    {
        using var dir = new TempDir();
        using var generic = MiniLMThroughClipBpe(dir, new TextOptions(ClipBpeTokenizer.ContextLength));
        var expected = models.Text.Encode(["hello, world!", "a & b"]);
        var actual = generic.Encode(["Hello, WORLD!", "a &amp; b"]);
        for (int j = 0; j < expected.Length; j++) Assert.Equal(expected[j], actual[j], 5);
    }

    [Fact]
    public void Last_token_pooling_takes_the_end_of_text_state_whatever_the_padding()
    {
        using var dir = new TempDir();
        using var last = MiniLMThroughClipBpe(dir, new TextOptions(ClipBpeTokenizer.ContextLength, TextPooling.Last));
        var alone = last.Encode(["hello world"]);
        var padded = last.Encode(["hello world", "hello, world! a & b"]);
        for (int j = 0; j < alone.Length; j++) Assert.Equal(alone[j], padded[j], 5);
        var mean = models.Text.Encode(["hello world"]);
        Assert.True(alone.Zip(mean).Max(p => Math.Abs(p.First - p.Second)) > 0.01, "last-token pooling equals mean pooling");
    }

    [Fact]
    public void The_generic_onnx_image_path_reproduces_ResNet18()
    {
        using var dir = new TempDir();
        var (model, prep) = DefaultEncoders.ResNet18Files();
        File.WriteAllBytes(dir.File("resnet.onnx"), model);
        File.WriteAllBytes(dir.File("prep.onnx"), prep);
        using var generic = EncoderSpec.Image("onnx:" + dir.File("resnet.onnx"), "onnx:" + dir.File("prep.onnx"), ImageOptions.Raw224, threads: 2);
        var chw = new float[3 * 224 * 224];
        Assert.Null(ImagePreprocessor.TryPreprocess(File.ReadAllBytes(TestImages.Png(dir, "x.png", 40, 30)), ImageOptions.Raw224, chw));
        Assert.Equal(models.Image.Encode(chw, 1), generic.Encode(chw, 1));
    }
}
