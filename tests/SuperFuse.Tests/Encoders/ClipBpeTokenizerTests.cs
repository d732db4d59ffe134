using SuperFuse.Encoders;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Encoders;

/// <summary>CLIP's BPE on a vocabulary small enough that every expected id was worked out by hand.</summary>
public sealed class ClipBpeTokenizerTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly Dictionary<string, int> ids = [];
    private readonly ClipBpeTokenizer tokenizer;

    public ClipBpeTokenizerTests()
    {
        var (vocab, merges) = ToyClip.Write(dir, token => ids.TryGetValue(token, out int id) ? id : ids[token] = 100 + ids.Count);
        tokenizer = new ClipBpeTokenizer(vocab, merges);
    }

    public void Dispose() => dir.Dispose();

    private long[] Expected(params string[] tokens) => tokens.Select(t => (long)ids[t]).ToArray();

    [Fact]
    public void Words_become_merged_end_of_word_pieces_between_start_and_end()
    {
        var t = tokenizer.Encode("Hello,   WORLD!", 77);
        Assert.Equal(Expected("<|startoftext|>", "hello</w>", ",</w>", "world</w>", "!</w>", "<|endoftext|>"), t.Ids);
        Assert.All(t.Mask, m => Assert.Equal(1, m));
        Assert.All(t.Types, m => Assert.Equal(0, m));
        Assert.Equal(ids["<|endoftext|>"], tokenizer.PadId);
    }

    [Fact]
    public void Non_ascii_letters_go_through_their_utf8_bytes()
    {
        // é is the bytes C3 A9, which CLIP's byte table writes as "Ã©".
        Assert.Equal(Expected("<|startoftext|>", "caf", "Ã©</w>", "<|endoftext|>"), tokenizer.Encode("Café", 77).Ids);
    }

    [Fact]
    public void Html_entities_are_unescaped_as_clip_does()
    {
        Assert.Equal(Expected("<|startoftext|>", "a</w>", "&</w>", "b</w>", "<|endoftext|>"), tokenizer.Encode(" a &amp;amp; b ", 77).Ids);
    }

    [Fact]
    public void A_long_text_keeps_its_first_tokens_and_still_ends_with_end_of_text()
    {
        var t = tokenizer.Encode("hello world hello world hello", 4);
        Assert.Equal(Expected("<|startoftext|>", "hello</w>", "world</w>", "<|endoftext|>"), t.Ids);
    }

    [Fact]
    public void Missing_or_broken_files_are_user_errors_naming_the_file()
    {
        var (vocab, merges) = (dir.File("vocab.json"), dir.File("merges.txt"));
        var missing = Assert.Throws<UserInputException>(() => new ClipBpeTokenizer(dir.File("nope.json"), merges));
        Assert.Contains("nope.json", missing.Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("bad.json"), "{\"a\": ");
        Assert.Contains("bad.json", Assert.Throws<UserInputException>(() => new ClipBpeTokenizer(dir.File("bad.json"), merges)).Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("nospecial.json"), "{\"a\": 1}");
        Assert.Contains("<|startoftext|> is missing", Assert.Throws<UserInputException>(() => new ClipBpeTokenizer(dir.File("nospecial.json"), merges)).Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("badmerges.txt"), "h e\nthree tokens here\n");
        var bad = Assert.Throws<UserInputException>(() => new ClipBpeTokenizer(vocab, dir.File("badmerges.txt")));
        Assert.Contains("badmerges.txt: line 2", bad.Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("unknown.txt"), "x y\n");
        var unknown = Assert.Throws<UserInputException>(() => new ClipBpeTokenizer(vocab, dir.File("unknown.txt")));
        Assert.StartsWith(dir.File("unknown.txt") + ": ", unknown.Message, StringComparison.Ordinal);
    }
}

/// <summary>The clip-bpe tokenizer inside the generic ONNX text path.</summary>
public sealed class ClipTextPathTests
{
    [Fact]
    public void A_tower_that_pools_itself_gets_clip_ids_padded_with_end_of_text()
    {
        using var dir = new TempDir();
        var ids = new Dictionary<string, int>();
        var (vocab, merges) = ToyClip.Write(dir, token => ids.TryGetValue(token, out int id) ? id : ids[token] = 10 + ids.Count);
        File.WriteAllBytes(dir.File("tiny.onnx"), TinyTextOnnx.MaxAndMinId());
        var options = new TextOptions(ClipBpeTokenizer.ContextLength, TextPooling.Last, Normalize: false);
        using var encoder = EncoderSpec.Text("onnx:" + dir.File("tiny.onnx"), $"clip-bpe:{vocab},{merges}", options, threads: 1);
        Assert.Equal(2, encoder.Dim);
        // The short text is padded to the long one's length: with <|endoftext|> (the model sees no smaller id).
        var output = encoder.Encode(["hello", "hello world a"]);
        // Padding with 0 would make the first row's minimum 0.
        float[] shortIds = [ids["<|startoftext|>"], ids["hello</w>"], ids["<|endoftext|>"]];
        Assert.Equal(new[] { shortIds.Max(), shortIds.Min() }, output[..2]);
        float[] longIds = [.. shortIds, ids["world</w>"], ids["a</w>"]];
        Assert.Equal(new[] { longIds.Max(), longIds.Min() }, output[2..]);
    }
}
