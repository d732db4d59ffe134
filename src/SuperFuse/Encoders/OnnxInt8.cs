using System.Buffers.Binary;

namespace SuperFuse.Encoders;

/// <summary>
/// Rewrites an ONNX model's matrix products with constant float weights into ONNX Runtime's
/// <c>com.microsoft.DynamicQuantizeMatMul</c>: the weights become int8, symmetric per output column, in the range
/// ±63 (7 bits, as ONNX Runtime's own quantiser uses on AVX2 machines without VNNI to keep the u8·s8 products from
/// saturating); activations are quantised per call by the operator. Everything else is copied byte for byte.
/// </summary>
public static class OnnxInt8
{
    private const int ModelOpset = 8, ModelGraph = 7, GraphNode = 1, GraphInitializer = 5;
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOp = 4, NodeAttribute = 5, NodeDomain = 7;
    private const int TensorDims = 1, TensorType = 2, TensorFloats = 4, TensorName = 8, TensorRaw = 9;
    private const int AttributeGraph = 6, AttributeGraphs = 11;
    private const int FloatType = 1, Int8Type = 3;
    private const int Levels = 63;

    /// <summary>Appended to an encoder's name when its model was rewritten, so int8 and float32 embeddings never mix.</summary>
    public const string Suffix = "+int8";

    /// <summary>The rewritten model; a model with no matrix product to quantise is a user error naming it.</summary>
    public static byte[] Required(byte[] model, string source)
    {
        var (rewritten, count) = QuantizeMatMuls(model);
        return count > 0 ? rewritten
            : throw new UserInputException($"{source}: has no MatMul with constant float32 weights for --text-int8 to quantise; expected a transformer-style ONNX text tower");
    }

    /// <summary>The rewritten model and how many matrix products were quantised.</summary>
    public static (byte[] Model, int Quantized) QuantizeMatMuls(ReadOnlySpan<byte> model)
    {
        var output = new ProtoWriter();
        int quantized = 0;
        bool hasDomain = false;
        foreach (var field in ProtoReader.Fields(model))
        {
            if (field.Number == ModelOpset && Strings(field.Payload(model), 1).Contains("com.microsoft")) hasDomain = true;
            if (field.Number == ModelGraph && field.WireType == 2)
            {
                var (graph, count) = Graph(field.Payload(model));
                output.Message(field.Number, graph);
                quantized = count;
            }
            else output.Raw(field.Raw(model));
        }
        if (!hasDomain)
        {
            var opset = new ProtoWriter();
            opset.String(1, "com.microsoft");
            opset.Int(2, 1);
            output.Message(ModelOpset, opset.ToArray());
        }
        return (output.ToArray(), quantized);
    }

    private static (byte[] Graph, int Count) Graph(ReadOnlySpan<byte> graph)
    {
        var fields = ProtoReader.Fields(graph);
        var weights = new Dictionary<string, (long Rows, long Columns, float[] Values)>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (f.Number == GraphInitializer && Matrix(f.Payload(graph)) is { } m) weights[m.Name] = (m.Rows, m.Columns, m.Values);
        }
        var rewritten = new Dictionary<int, (byte[] Bytes, string Weight)>();
        var usedElsewhere = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Number != GraphNode) continue;
            var node = Parse(fields[i].Payload(graph));
            if (Rewrite(node, weights) is { } r) rewritten[i] = r;
            else usedElsewhere.UnionWith(node.Inputs);
            if (node.HasSubgraph) usedElsewhere.UnionWith(weights.Keys);   // a subgraph may name any weight: keep them all
        }
        var output = new ProtoWriter();
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (rewritten.TryGetValue(i, out var r))
            {
                output.Message(GraphNode, r.Bytes);
                if (written.Add(r.Weight)) WriteQuantized(output, r.Weight, weights[r.Weight]);
            }
            else if (f.Number == GraphInitializer && Matrix(f.Payload(graph)) is { } m && rewritten.Values.Any(v => v.Weight == m.Name) && !usedElsewhere.Contains(m.Name))
            {
                continue;   // replaced by its int8 copy and used by nothing else
            }
            else output.Raw(f.Raw(graph));
        }
        return (output.ToArray(), rewritten.Count);
    }

    private sealed record Node(string Op, string Domain, List<string> Inputs, List<string> Outputs, string? Name, bool HasAttributes, bool HasSubgraph);

    private static Node Parse(ReadOnlySpan<byte> node)
    {
        string op = "", domain = "";
        string? name = null;
        var inputs = new List<string>();
        var outputs = new List<string>();
        bool attributes = false, subgraph = false;
        foreach (var f in ProtoReader.Fields(node))
        {
            string Text(ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes);
            switch (f.Number)
            {
                case NodeOp: op = Text(f.Payload(node)); break;
                case NodeDomain: domain = Text(f.Payload(node)); break;
                case NodeInput: inputs.Add(Text(f.Payload(node))); break;
                case NodeOutput: outputs.Add(Text(f.Payload(node))); break;
                case NodeName: name = Text(f.Payload(node)); break;
                case NodeAttribute:
                    attributes = true;
                    subgraph |= ProtoReader.Fields(f.Payload(node)).Any(a => a.Number is AttributeGraph or AttributeGraphs);
                    break;
                default: break;
            }
        }
        return new Node(op, domain, inputs, outputs, name, attributes, subgraph);
    }

    private static (byte[] Bytes, string Weight)? Rewrite(Node node, Dictionary<string, (long, long, float[])> weights)
    {
        if (node.Op != "MatMul" || node.Domain.Length > 0 || node.HasAttributes || node.Inputs.Count != 2 || !weights.ContainsKey(node.Inputs[1])) return null;
        string weight = node.Inputs[1];
        var rewritten = new ProtoWriter();
        foreach (string input in new[] { node.Inputs[0], weight + "_int8", weight + "_scale", weight + "_zero" }) rewritten.String(NodeInput, input);
        foreach (string o in node.Outputs) rewritten.String(NodeOutput, o);
        if (node.Name is not null) rewritten.String(NodeName, node.Name);
        rewritten.String(NodeOp, "DynamicQuantizeMatMul");
        rewritten.String(NodeDomain, "com.microsoft");
        return (rewritten.ToArray(), weight);
    }

    private static void WriteQuantized(ProtoWriter graph, string name, (long Rows, long Columns, float[] Values) w)
    {
        var scales = new float[w.Columns];
        for (long c = 0; c < w.Columns; c++)
        {
            float max = 0;
            for (long r = 0; r < w.Rows; r++) max = Math.Max(max, Math.Abs(w.Values[(r * w.Columns) + c]));
            scales[c] = max > 0 ? max / Levels : 1;
        }
        var q = new byte[w.Values.Length];
        for (long i = 0; i < q.Length; i++)
        {
            q[i] = (byte)(sbyte)Math.Clamp(Math.Round(w.Values[i] / scales[i % w.Columns]), -Levels, Levels);
        }
        var scaleBytes = new byte[scales.Length * 4];
        for (int c = 0; c < scales.Length; c++) BinaryPrimitives.WriteSingleLittleEndian(scaleBytes.AsSpan(c * 4), scales[c]);
        graph.Message(GraphInitializer, Tensor(name + "_int8", Int8Type, [w.Rows, w.Columns], q));
        graph.Message(GraphInitializer, Tensor(name + "_scale", FloatType, [w.Columns], scaleBytes));
        graph.Message(GraphInitializer, Tensor(name + "_zero", Int8Type, [w.Columns], new byte[w.Columns]));
    }

    private static byte[] Tensor(string name, int type, long[] dims, byte[] raw)
    {
        var t = new ProtoWriter();
        foreach (long d in dims) t.Int(TensorDims, d);
        t.Int(TensorType, type);
        t.String(TensorName, name);
        t.Message(TensorRaw, raw);
        return t.ToArray();
    }

    /// <summary>A float32 initializer of rank 2, or null for anything else.</summary>
    private static (string Name, long Rows, long Columns, float[] Values)? Matrix(ReadOnlySpan<byte> tensor)
    {
        var dims = new List<long>();
        int type = 0;
        string name = "";
        byte[]? raw = null;
        foreach (var f in ProtoReader.Fields(tensor))
        {
            switch (f.Number)
            {
                case TensorDims when f.WireType == 0: dims.Add(ProtoReader.VarintAt(tensor, f.PayloadStart)); break;
                case TensorDims when f.WireType == 2: dims.AddRange(ProtoReader.PackedVarints(f.Payload(tensor))); break;
                case TensorType: type = (int)ProtoReader.VarintAt(tensor, f.PayloadStart); break;
                case TensorName: name = System.Text.Encoding.UTF8.GetString(f.Payload(tensor)); break;
                case TensorRaw: raw = f.Payload(tensor).ToArray(); break;
                case TensorFloats when f.WireType == 2: raw = f.Payload(tensor).ToArray(); break;
                default: break;
            }
        }
        if (type != FloatType || dims.Count != 2 || raw is null || raw.Length != dims[0] * dims[1] * 4) return null;
        var values = new float[dims[0] * dims[1]];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4));
        return (name, dims[0], dims[1], values);
    }

    private static List<string> Strings(ReadOnlySpan<byte> message, int number)
    {
        var values = new List<string>();
        foreach (var f in ProtoReader.Fields(message))
        {
            if (f.Number == number) values.Add(System.Text.Encoding.UTF8.GetString(f.Payload(message)));
        }
        return values;
    }
}
