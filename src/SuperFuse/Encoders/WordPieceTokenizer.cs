using FastBertTokenizer;

namespace SuperFuse.Encoders;

/// <summary>BERT's WordPiece ([CLS] … [SEP]) with FastBertTokenizer; padding is id 0.</summary>
public sealed class WordPieceTokenizer : ITextTokenizer
{
    private readonly BertTokenizer tokenizer = new();

    /// <summary>Reads a vocabulary of one token per line.</summary>
    public WordPieceTokenizer(TextReader vocabulary, bool lowercase)
    {
        tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: lowercase);
    }

    /// <inheritdoc/>
    public long PadId => 0;

    /// <inheritdoc/>
    public TokenizedText Encode(string text, int maxTokens)
    {
        // FastBertTokenizer returns views of one reused buffer: copy before the next call.
        var (ids, mask, types) = tokenizer.Encode(text, maxTokens);
        return new TokenizedText(ids.ToArray(), mask.ToArray(), types.ToArray());
    }
}
