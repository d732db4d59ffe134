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

    /// <summary>The last real token (CLIP's &lt;|endoftext|&gt;).</summary>
    Last,
}

/// <summary>Text tower options.</summary>
/// <param name="MaxTokens">Longest input in tokens, [CLS] and [SEP] included (longer texts are cut).</param>
/// <param name="Pooling">Token pooling.</param>
/// <param name="Normalize">L2-normalise the sentence vector.</param>
/// <param name="Lowercase">Lower-case before WordPiece (uncased vocabularies; CLIP's BPE always lower-cases).</param>
public sealed record TextOptions(int MaxTokens = 256, TextPooling Pooling = TextPooling.Mean, bool Normalize = true, bool Lowercase = true);

/// <summary>
/// An ONNX text tower: inputs input_ids and, if the model has them, attention_mask and token_type_ids. A first output
/// of [B, T, D] token states is pooled per <see cref="TextOptions"/>; a first output of [B, D] (a tower that pools
/// and projects itself, such as a CLIP text export) is taken as it is.
/// </summary>
public sealed class TextEncoder : IDisposable
{
    private readonly InferenceSession session;
    private readonly ITextTokenizer tokenizer;

    /// <summary>Opens the model.</summary>
    public TextEncoder(string name, byte[] model, ITextTokenizer tokenizer, TextOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Options = options;
        this.tokenizer = tokenizer;
        session = OnnxSessions.Open(model, threads, name);
        Dim = Encode(["probe"]).Length;
    }

    /// <summary>
    /// Opens <paramref name="model"/> as it is, or with <paramref name="quantized"/> its matrix products on int8 weights
    /// (<see cref="OnnxInt8"/>; the name gets <see cref="OnnxInt8.Suffix"/>).
    /// </summary>
    public static TextEncoder Open(string name, byte[] model, ITextTokenizer tokenizer, TextOptions options, int threads, bool quantized) =>
        quantized ? new TextEncoder(name + OnnxInt8.Suffix, OnnxInt8.Required(model, name), tokenizer, options, threads)
            : new TextEncoder(name, model, tokenizer, options, threads);

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
        var encoded = texts.Select(t => tokenizer.Encode(t, Options.MaxTokens)).ToList();
        var order = Enumerable.Range(0, texts.Count).OrderBy(k => encoded[k].Ids.Length).ThenBy(k => k).ToArray();
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

    private float[] Run(List<TokenizedText> encoded)
    {
        int length = encoded.Max(e => e.Ids.Length);
        var ids = new DenseTensor<long>([encoded.Count, length]);
        var mask = new DenseTensor<long>([encoded.Count, length]);
        var types = new DenseTensor<long>([encoded.Count, length]);
        ids.Buffer.Span.Fill(tokenizer.PadId);
        for (int r = 0; r < encoded.Count; r++)
        {
            encoded[r].Ids.CopyTo(ids.Buffer.Span.Slice(r * length));
            encoded[r].Mask.CopyTo(mask.Buffer.Span.Slice(r * length));
            encoded[r].Types.CopyTo(types.Buffer.Span.Slice(r * length));
        }
        var inputs = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input_ids", ids) };
        if (session.InputMetadata.ContainsKey("attention_mask")) inputs.Add(NamedOnnxValue.CreateFromTensor("attention_mask", mask));
        if (session.InputMetadata.ContainsKey("token_type_ids")) inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", types));
        using var result = session.Run(inputs);
        var first = result.First(v => v.Name == session.OutputMetadata.Keys.First()).AsTensor<float>();
        return first.Rank == 2 ? Pooled(first) : Pool(first, mask);
    }

    private float[] Pooled(Tensor<float> vectors)
    {
        var output = vectors.ToArray();
        int dim = vectors.Dimensions[1];
        for (int r = 0; Options.Normalize && r < vectors.Dimensions[0]; r++) L2Normalise(output.AsSpan(r * dim, dim));
        return output;
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
            int used = 0, last = LastReal(attention.Slice(r * tokens, tokens));
            for (int t = 0; t < tokens; t++)
            {
                if (attention[(r * tokens) + t] == 0 || !InPool(t, last)) continue;
                used++;
                var token = flat.Slice(((r * tokens) + t) * dim, dim);
                for (int j = 0; j < dim; j++) row[j] += token[j];
            }
            for (int j = 0; j < dim; j++) row[j] /= Math.Max(used, 1);
            if (Options.Normalize) L2Normalise(row);
        }
        return output;
    }

    private bool InPool(int token, int last) => Options.Pooling switch
    {
        TextPooling.Cls => token == 0,
        TextPooling.Last => token == last,
        _ => true,
    };

    private static int LastReal(ReadOnlySpan<long> attention)
    {
        int last = attention.Length - 1;
        while (last > 0 && attention[last] == 0) last--;
        return last;
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
