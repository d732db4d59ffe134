using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SuperFuse.Encoders;

/// <summary>How token vectors become one sentence vector.</summary>
public enum TextPooling
{
    /// <summary>Mean over real (non-padding) tokens, as sentence-transformers does.</summary>
    Mean,

    /// <summary>The first ([CLS]) token.</summary>
    Cls,
}

/// <summary>Text tower options.</summary>
/// <param name="MaxTokens">Longest input in tokens, [CLS] and [SEP] included (longer texts are cut).</param>
/// <param name="Pooling">Token pooling.</param>
/// <param name="Normalize">L2-normalise the sentence vector.</param>
/// <param name="Lowercase">Lower-case before WordPiece (uncased vocabularies).</param>
public sealed record TextOptions(int MaxTokens = 256, TextPooling Pooling = TextPooling.Mean, bool Normalize = true, bool Lowercase = true);

/// <summary>
/// A BERT-family ONNX text tower with a WordPiece vocabulary (FastBertTokenizer): inputs input_ids, attention_mask
/// and (if the model has it) token_type_ids; the first output is [B, T, D] token states, pooled per
/// <see cref="TextOptions"/>.
/// </summary>
public sealed class TextEncoder : IDisposable
{
    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer = new();

    /// <summary>Opens the model and reads the vocabulary (one token per line).</summary>
    public TextEncoder(string name, byte[] model, TextReader vocabulary, TextOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Options = options;
        tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: options.Lowercase);
        session = OnnxSessions.Open(model, threads, name);
        Dim = Encode(["probe"]).Length;
    }

    /// <summary>Encoder name recorded in the output.</summary>
    public string Name { get; }

    /// <summary>Options.</summary>
    public TextOptions Options { get; }

    /// <summary>Embedding width.</summary>
    public int Dim { get; }

    /// <summary>Texts per ONNX call; texts are grouped by token length so little padding is computed.</summary>
    public const int SubBatch = 16;

    /// <summary>Embeds texts; row-major count × Dim. The result does not depend on how texts are grouped.</summary>
    public float[] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        // FastBertTokenizer returns views of one reused buffer: copy each result before encoding the next text.
        var encoded = texts.Select(t => Copy(tokenizer.Encode(t, Options.MaxTokens))).ToList();
        var order = Enumerable.Range(0, texts.Count).OrderBy(k => encoded[k].InputIds.Length).ThenBy(k => k).ToArray();
        float[]? output = null;
        for (int start = 0; start < order.Length; start += SubBatch)
        {
            var group = order.Skip(start).Take(SubBatch).ToArray();
            var vectors = Run(group.Select(k => encoded[k]).ToList());
            output ??= new float[texts.Count * (vectors.Length / group.Length)];
            int dim = vectors.Length / group.Length;
            for (int g = 0; g < group.Length; g++) vectors.AsSpan(g * dim, dim).CopyTo(output.AsSpan(group[g] * dim, dim));
        }
        return output ?? [];
    }

    private static (Memory<long> InputIds, Memory<long> AttentionMask, Memory<long> TokenTypeIds) Copy((Memory<long> Ids, Memory<long> Mask, Memory<long> Types) e) =>
        (e.Ids.ToArray(), e.Mask.ToArray(), e.Types.ToArray());

    private float[] Run(List<(Memory<long> InputIds, Memory<long> AttentionMask, Memory<long> TokenTypeIds)> encoded)
    {
        int length = encoded.Max(e => e.InputIds.Length);
        var ids = new DenseTensor<long>([encoded.Count, length]);
        var mask = new DenseTensor<long>([encoded.Count, length]);
        var types = new DenseTensor<long>([encoded.Count, length]);
        for (int r = 0; r < encoded.Count; r++)
        {
            var (tokenIds, attention, typeIds) = encoded[r];
            tokenIds.Span.CopyTo(ids.Buffer.Span.Slice(r * length));
            attention.Span.CopyTo(mask.Buffer.Span.Slice(r * length));
            typeIds.Span.CopyTo(types.Buffer.Span.Slice(r * length));
        }
        var inputs = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input_ids", ids), NamedOnnxValue.CreateFromTensor("attention_mask", mask) };
        if (session.InputMetadata.ContainsKey("token_type_ids")) inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", types));
        using var result = session.Run(inputs);
        return Pool(result.First(v => v.Name == session.OutputMetadata.Keys.First()).AsTensor<float>(), mask);
    }

    private float[] Pool(Tensor<float> states, DenseTensor<long> mask)
    {
        int rows = states.Dimensions[0], tokens = states.Dimensions[1], dim = states.Dimensions[2];
        // Flat row-major views: the multi-index indexers cost more than the pooling itself.
        ReadOnlySpan<float> flat = states is DenseTensor<float> dense ? dense.Buffer.Span : states.ToArray();
        ReadOnlySpan<long> attention = mask.Buffer.Span;
        var output = new float[rows * dim];
        for (int r = 0; r < rows; r++)
        {
            var row = output.AsSpan(r * dim, dim);
            int used = 0;
            for (int t = 0; t < tokens && (Options.Pooling == TextPooling.Mean || t == 0); t++)
            {
                if (attention[(r * tokens) + t] == 0) continue;
                used++;
                var token = flat.Slice(((r * tokens) + t) * dim, dim);
                for (int j = 0; j < dim; j++) row[j] += token[j];
            }
            for (int j = 0; j < dim; j++) row[j] /= Math.Max(used, 1);
            if (Options.Normalize) L2Normalise(row);
        }
        return output;
    }

    private static void L2Normalise(Span<float> row)
    {
        double norm = 0;
        foreach (float v in row) norm += (double)v * v;
        float scale = (float)(1 / Math.Max(Math.Sqrt(norm), 1e-12));
        for (int j = 0; j < row.Length; j++) row[j] *= scale;
    }

    /// <inheritdoc/>
    public void Dispose() => session.Dispose();
}
