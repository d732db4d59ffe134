using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using SuperFuse.Data;

namespace SuperFuse.Encoders;

/// <summary>
/// CLIP's byte-level BPE (vocab.json + merges.txt, as CLIP exports ship them) with Microsoft.ML.Tokenizers: the text is
/// HTML-unescaped, its whitespace collapsed and lower-cased, split by CLIP's pattern, each piece's UTF-8 bytes mapped
/// to characters, "&lt;/w&gt;" marks a word's end, and the ids are framed by &lt;|startoftext|&gt; … &lt;|endoftext|&gt;.
/// A text longer than the limit keeps its first tokens and still ends with &lt;|endoftext|&gt;; padding repeats that
/// token, as Hugging Face's CLIP tokenizer does. ftfy's mojibake repair is not applied.
/// </summary>
public sealed partial class ClipBpeTokenizer : ITextTokenizer
{
    /// <summary>CLIP's context length.</summary>
    public const int ContextLength = 77;

    private const string Start = "<|startoftext|>";
    private const string End = "<|endoftext|>";
    private readonly BpeTokenizer tokenizer;
    private readonly long endId;

    /// <summary>Reads vocab.json (token → id) and merges.txt (one "a b" pair a line, "#" lines skipped).</summary>
    public ClipBpeTokenizer(string vocabPath, string mergesPath)
    {
        var vocabulary = ReadVocabulary(vocabPath);
        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string token in new[] { Start, End })
        {
            special[token] = vocabulary.TryGetValue(token, out int id) ? id
                : throw new UserInputException($"{vocabPath}: token {token} is missing; expected a CLIP vocab.json");
        }
        endId = special[End];
        tokenizer = Create(vocabulary, special, mergesPath);
    }

    private static BpeTokenizer Create(Dictionary<string, int> vocabulary, Dictionary<string, int> special, string mergesPath)
    {
        var options = new BpeOptions(vocabulary)
        {
            Merges = ReadMerges(mergesPath),
            ByteLevel = true,
            EndOfWordSuffix = "</w>",
            PreTokenizer = new RegexPreTokenizer(Pattern(), special),
            Normalizer = new ClipNormalizer(),
            SpecialTokens = special,
            BeginningOfSentenceToken = Start,
            EndOfSentenceToken = End,
        };
        try
        {
            return BpeTokenizer.Create(options);
        }
        catch (InvalidOperationException e)
        {
            // e.g. "Trying to merge a token 'x' which not exist in the vocabulary."
            throw new UserInputException($"{mergesPath}: {e.Message.TrimEnd('.')}; expected merges of tokens in the vocab.json beside it", e);
        }
    }

    /// <inheritdoc/>
    public long PadId => endId;

    /// <inheritdoc/>
    public TokenizedText Encode(string text, int maxTokens)
    {
        var ids = tokenizer.EncodeToIds(text).Select(i => (long)i).ToList();
        if (ids.Count > maxTokens)
        {
            ids.RemoveRange(maxTokens - 1, ids.Count - maxTokens + 1);
            ids.Add(endId);
        }
        var mask = Enumerable.Repeat(1L, ids.Count).ToArray();
        return new TokenizedText([.. ids], mask, new long[ids.Count]);
    }

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found; expected CLIP's vocab.json");
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(TextFiles.ReadUtf8(path))
                ?? throw new UserInputException($"{path}: empty; expected a JSON object of token → id");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: {e.Message.Split('.')[0]}; expected a JSON object of token → id", e);
        }
    }

    private static List<string> ReadMerges(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found; expected CLIP's merges.txt");
        var lines = TextFiles.ReadUtf8(path).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var merges = new List<string>();
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#')) continue;
            if (lines[i].Split(' ').Length != 2) throw new UserInputException($"{path}: line {i + 1} is not a merge; expected two tokens separated by one space");
            merges.Add(lines[i]);
        }
        return merges;
    }

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>CLIP's basic_clean (HTML unescaped twice) and whitespace_clean, then lower case.</summary>
    private sealed class ClipNormalizer : Normalizer
    {
        public override string Normalize(string original) => Clean(original);

        public override string Normalize(ReadOnlySpan<char> original) => Clean(original.ToString());

        private static string Clean(string text)
        {
            string unescaped = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text));
            return Whitespace().Replace(unescaped, " ").Trim().ToLowerInvariant();
        }
    }
}
