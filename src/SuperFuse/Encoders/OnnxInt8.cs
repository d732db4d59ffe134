namespace SuperFuse.Encoders;

/// <summary>
/// Rewrites an ONNX model's matrix products with constant float weights into ONNX Runtime's
/// <c>com.microsoft.DynamicQuantizeMatMul</c>: the weights become int8, symmetric per output column, in the range
/// ±63 (7 bits, as ONNX Runtime's own quantiser uses on AVX2 machines without VNNI to keep the u8·s8 products from
/// saturating); activations are quantised per call by the operator. The float weights no other node reads are dropped.
/// </summary>
public static class OnnxInt8
{
    private const int Int8 = 3, Levels = 63;

    /// <summary>Appended to an encoder's name when its model was rewritten, so int8 and float32 embeddings never mix.</summary>
    public const string Suffix = "+int8";

    /// <summary>The rewritten model; a model with no matrix product to quantise is a user error naming it.</summary>
    public static byte[] Required(byte[] model, string source)
    {
        var (rewritten, count) = QuantizeMatMuls(model, source);
        return count > 0 ? rewritten
            : throw new UserInputException($"{source}: has no MatMul with constant float32 weights for --text-int8 to quantise; expected a transformer-style ONNX text tower");
    }

    /// <summary>The rewritten model and how many matrix products were quantised.</summary>
    public static (byte[] Model, int Quantized) QuantizeMatMuls(byte[] model, string source = "the ONNX model")
    {
        var graph = OnnxGraph.Parse(model, source);
        var written = new HashSet<string>(StringComparer.Ordinal);
        int count = 0;
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            var n = graph.Nodes[i];
            if (n.Op != "MatMul" || n.Domain.Length > 0 || n.Inputs.Count != 2 || !graph.Weights.TryGetValue(n.Inputs[1], out var w) || w.Dims.Length != 2) continue;
            string name = n.Inputs[1];
            if (written.Add(name)) AddQuantized(graph, name, w);
            graph.Nodes[i] = n with { Op = "DynamicQuantizeMatMul", Domain = "com.microsoft", Inputs = [n.Inputs[0], name + "_int8", name + "_scale", name + "_zero"] };
            count++;
        }
        if (count > 0) graph.AddDomains.Add("com.microsoft");
        return (graph.Write(0, []), count);
    }

    private static void AddQuantized(OnnxGraph graph, string name, OnnxWeight w)
    {
        long rows = w.Dims[0], columns = w.Dims[1];
        var scales = new float[columns];
        for (long c = 0; c < columns; c++)
        {
            float max = 0;
            for (long r = 0; r < rows; r++) max = Math.Max(max, Math.Abs(w.Values[(r * columns) + c]));
            scales[c] = max > 0 ? max / Levels : 1;
        }
        var q = new byte[w.Values.Length];
        for (long i = 0; i < q.Length; i++) q[i] = (byte)(sbyte)Math.Clamp(Math.Round(w.Values[i] / scales[i % columns]), -Levels, Levels);
        graph.OtherInitializers.Add(OnnxGraph.Tensor(name + "_int8", Int8, w.Dims, q));
        graph.OtherInitializers.Add(OnnxGraph.FloatTensor(name + "_scale", [columns], scales));
        graph.OtherInitializers.Add(OnnxGraph.Tensor(name + "_zero", Int8, [columns], new byte[columns]));
    }
}
