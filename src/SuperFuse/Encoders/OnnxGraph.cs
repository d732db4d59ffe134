using System.Buffers.Binary;
using System.Text;

namespace SuperFuse.Encoders;

/// <summary>One node of an ONNX graph: its operator, tensor names and attributes (kept as protobuf bytes).</summary>
internal sealed record OnnxNode(string Op, List<string> Inputs, List<string> Outputs, List<byte[]> Attributes, string? Name, string Domain = "")
{
    /// <summary>Whether an attribute holds a subgraph, which may read any outer tensor by name.</summary>
    public bool HasSubgraph => Attributes.Any(a => ProtoReader.Fields(a).Any(f => f.Number is 6 or 11));
}

/// <summary>A float32 weight of an ONNX graph.</summary>
internal sealed record OnnxWeight(long[] Dims, float[] Values);

/// <summary>
/// An ONNX model opened far enough to rewrite its nodes and float32 weights; every other field is kept as bytes.
/// Intermediate shape hints (value_info) are dropped, as ONNX Runtime infers them again.
/// </summary>
internal sealed class OnnxGraph
{
    private const int ModelIr = 1, ModelGraph = 7, ModelOpset = 8;
    private const int GraphNode = 1, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12, GraphValueInfo = 13;

    public List<OnnxNode> Nodes { get; set; } = [];

    public Dictionary<string, OnnxWeight> Weights { get; } = new(StringComparer.Ordinal);

    /// <summary>Initializers that are not float32, and new ones written by a rewrite, as TensorProto bytes.</summary>
    public List<byte[]> OtherInitializers { get; } = [];

    public List<byte[]> Inputs { get; } = [];

    public List<byte[]> Outputs { get; } = [];

    public long Opset { get; private set; }

    public long IrVersion { get; private set; } = 3;

    /// <summary>Operator domains the model imports besides the default one.</summary>
    public HashSet<string> Domains { get; } = new(StringComparer.Ordinal);

    /// <summary>Domains to import on writing (version 1) if the model does not import them yet.</summary>
    public HashSet<string> AddDomains { get; } = new(StringComparer.Ordinal);

    private readonly List<byte[]> otherGraphFields = [], otherModelFields = [];

    public static OnnxGraph Parse(byte[] model)
    {
        var g = new OnnxGraph();
        foreach (var f in ProtoReader.Fields(model))
        {
            if (f.Number == ModelGraph) g.ParseGraph(f.Payload(model).ToArray());
            else if (f.Number == ModelOpset && DefaultDomainVersion(f.Payload(model).ToArray(), g.Domains) is long v) g.Opset = v;
            else if (f.Number == ModelIr && f.WireType == 0) g.IrVersion = ProtoReader.VarintAt(model, f.PayloadStart);
            else if (f.Number != ModelIr) g.otherModelFields.Add(f.Raw(model).ToArray());
        }
        return g;
    }

    /// <summary>The name of a graph input or output (a ValueInfoProto).</summary>
    public static string ValueName(byte[] valueInfo) =>
        ProtoReader.Fields(valueInfo).Where(f => f.Number == 1).Select(f => Text(f.Payload(valueInfo))).First();

    /// <summary>
    /// The model as bytes, with opset at least <paramref name="minOpset"/>, used float weights only, and extra float
    /// graph outputs <paramref name="extraOutputs"/>.
    /// </summary>
    public byte[] Write(long minOpset, IEnumerable<string> extraOutputs)
    {
        var graph = new ProtoWriter();
        foreach (var n in Nodes) graph.Message(GraphNode, NodeBytes(n));
        foreach (var f in otherGraphFields) graph.Raw(f);
        var used = new HashSet<string>(Nodes.SelectMany(n => n.Inputs), StringComparer.Ordinal);
        bool keepAll = Nodes.Any(n => n.HasSubgraph);
        foreach (var (name, w) in Weights.Where(p => keepAll || used.Contains(p.Key))) graph.Message(GraphInitializer, FloatTensor(name, w.Dims, w.Values));
        foreach (var b in OtherInitializers) graph.Message(GraphInitializer, b);
        foreach (var b in Inputs) graph.Message(GraphInput, b);
        foreach (var b in Outputs) graph.Message(GraphOutput, b);
        foreach (string name in extraOutputs) graph.Message(GraphOutput, FloatValue(name));
        var model = new ProtoWriter();
        long opset = Math.Max(Opset, minOpset);
        model.Int(ModelIr, Math.Max(IrVersion, opset >= 10 ? 5 : 3));   // opset 10 needs IR version 5
        foreach (var f in otherModelFields) model.Raw(f);
        var domain = new ProtoWriter();
        domain.String(1, "");
        domain.Int(2, opset);
        model.Message(ModelOpset, domain.ToArray());
        foreach (string extra in AddDomains.Where(d => !Domains.Contains(d)))
        {
            var import = new ProtoWriter();
            import.String(1, extra);
            import.Int(2, 1);
            model.Message(ModelOpset, import.ToArray());
        }
        model.Message(ModelGraph, graph.ToArray());
        return model.ToArray();
    }

    public static byte[] Tensor(string name, int type, long[] dims, byte[] raw)
    {
        var t = new ProtoWriter();
        foreach (long d in dims) t.Int(1, d);
        t.Int(2, type);
        t.String(8, name);
        t.Message(9, raw);
        return t.ToArray();
    }

    public static byte[] FloatTensor(string name, long[] dims, float[] values)
    {
        var raw = new byte[values.Length * 4];
        for (int k = 0; k < values.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(k * 4), values[k]);
        return Tensor(name, 1, dims, raw);
    }

    private void ParseGraph(byte[] graph)
    {
        foreach (var f in ProtoReader.Fields(graph))
        {
            var payload = f.Payload(graph).ToArray();
            switch (f.Number)
            {
                case GraphNode: Nodes.Add(ParseNode(payload)); break;
                case GraphInitializer:
                    if (ParseFloat(payload) is { } w) Weights[w.Name] = w.Weight;
                    else OtherInitializers.Add(payload);
                    break;
                case GraphInput: Inputs.Add(payload); break;
                case GraphOutput: Outputs.Add(payload); break;
                case GraphValueInfo: break;
                default: otherGraphFields.Add(f.Raw(graph).ToArray()); break;
            }
        }
    }

    private static OnnxNode ParseNode(byte[] node)
    {
        string op = "", domain = "";
        string? name = null;
        List<string> inputs = [], outputs = [];
        List<byte[]> attributes = [];
        foreach (var f in ProtoReader.Fields(node))
        {
            switch (f.Number)
            {
                case 1: inputs.Add(Text(f.Payload(node))); break;
                case 2: outputs.Add(Text(f.Payload(node))); break;
                case 3: name = Text(f.Payload(node)); break;
                case 4: op = Text(f.Payload(node)); break;
                case 5: attributes.Add(f.Payload(node).ToArray()); break;
                case 7: domain = Text(f.Payload(node)); break;
                default: break;
            }
        }
        return new OnnxNode(op, inputs, outputs, attributes, name, domain);
    }

    private static byte[] NodeBytes(OnnxNode n)
    {
        var w = new ProtoWriter();
        foreach (string i in n.Inputs) w.String(1, i);
        foreach (string o in n.Outputs) w.String(2, o);
        if (n.Name is not null) w.String(3, n.Name);
        w.String(4, n.Op);
        foreach (var a in n.Attributes) w.Message(5, a);
        if (n.Domain.Length > 0) w.String(7, n.Domain);
        return w.ToArray();
    }

    private static (string Name, OnnxWeight Weight)? ParseFloat(byte[] tensor)
    {
        var dims = new List<long>();
        int type = 0;
        string name = "";
        byte[]? raw = null;
        foreach (var f in ProtoReader.Fields(tensor))
        {
            switch (f.Number)
            {
                case 1 when f.WireType == 0: dims.Add(ProtoReader.VarintAt(tensor, f.PayloadStart)); break;
                case 1 when f.WireType == 2: dims.AddRange(ProtoReader.PackedVarints(f.Payload(tensor))); break;
                case 2: type = (int)ProtoReader.VarintAt(tensor, f.PayloadStart); break;
                case 8: name = Text(f.Payload(tensor)); break;
                case 4 or 9 when f.WireType == 2: raw = f.Payload(tensor).ToArray(); break;
                default: break;
            }
        }
        if (type != 1 || raw is null || raw.Length != dims.Aggregate(4L, (a, d) => a * d)) return null;
        var values = new float[raw.Length / 4];
        for (int k = 0; k < values.Length; k++) values[k] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(k * 4));
        return (name, new OnnxWeight([.. dims], values));
    }

    private static long? DefaultDomainVersion(byte[] opset, HashSet<string> others)
    {
        string domain = "";
        long version = 0;
        foreach (var f in ProtoReader.Fields(opset))
        {
            if (f.Number == 1) domain = Text(f.Payload(opset));
            if (f.Number == 2) version = ProtoReader.VarintAt(opset, f.PayloadStart);
        }
        if (domain is "" or "ai.onnx") return version;
        others.Add(domain);
        return null;
    }

    private static byte[] FloatValue(string name) => ValueInfo(name, 1, null);

    /// <summary>A ValueInfoProto: <paramref name="name"/>, a tensor of <paramref name="elementType"/>, and its TensorShapeProto when given.</summary>
    internal static byte[] ValueInfo(string name, int elementType, byte[]? shape)
    {
        var tensor = new ProtoWriter();
        tensor.Int(1, elementType);
        if (shape is not null) tensor.Message(2, shape);
        var type = new ProtoWriter();
        type.Message(1, tensor.ToArray());
        var value = new ProtoWriter();
        value.String(1, name);
        value.Message(2, type.ToArray());
        return value.ToArray();
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
