namespace SuperFuse.Encoders;

/// <summary>One text as a text tower's inputs: token ids, attention mask and token types, all the same length.</summary>
public sealed record TokenizedText(long[] Ids, long[] Mask, long[] Types);

/// <summary>Turns a text into token ids for a text tower.</summary>
public interface ITextTokenizer
{
    /// <summary>The id written into the padding of shorter texts in a batch (the mask marks it as padding).</summary>
    long PadId { get; }

    /// <summary>Tokens of <paramref name="text"/>, special tokens included, cut to <paramref name="maxTokens"/>.</summary>
    TokenizedText Encode(string text, int maxTokens);
}
