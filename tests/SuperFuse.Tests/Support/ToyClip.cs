using System.Text.Json;

namespace SuperFuse.Tests.Support;

/// <summary>
/// A CLIP-format vocab.json and merges.txt small enough to check by hand. The ids are chosen by the caller, so a test
/// can give whole words the ids another model knows.
/// </summary>
internal static class ToyClip
{
    /// <summary>The pieces "hello", "world", "caf" + "é" (as bytes Ã©) reach through these merges, in this order.</summary>
    public static readonly string[] Merges =
        ["h e", "l l", "he ll", "hell o</w>", "w o", "wo r", "l d</w>", "wor ld</w>", "c a", "ca f", "Ã ©</w>"];

    /// <summary>Every token the merges and the test texts need, with the ids <paramref name="idOf"/> gives.</summary>
    public static (string Vocab, string MergesFile) Write(TempDir dir, Func<string, int> idOf)
    {
        string[] tokens = ["<|startoftext|>", "<|endoftext|>", "h", "e", "l", "o", "w", "r", "d", "c", "a", "f", "Ã", "©", "©</w>",
            "o</w>", "d</w>", "!</w>", ",</w>", "&</w>", "he", "ll", "hell", "hello</w>", "wo", "wor", "ld</w>", "world</w>",
            "ca", "caf", "Ã©</w>", "a</w>", "b</w>"];
        var vocab = tokens.ToDictionary(t => t, idOf);
        string vocabPath = dir.File("vocab.json"), mergesPath = dir.File("merges.txt");
        File.WriteAllText(vocabPath, JsonSerializer.Serialize(vocab));
        File.WriteAllText(mergesPath, "#version: 0.2\n" + string.Join("\n", Merges) + "\n");
        return (vocabPath, mergesPath);
    }
}
