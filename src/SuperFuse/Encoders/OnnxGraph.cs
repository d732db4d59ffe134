using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace SuperFuse.Encoders;

/// <summary>One node of an ONNX graph: its operator, tensor names and attributes.</summary>
internal sealed record OnnxNode(string Op, List<string> Inputs, List<string> Outputs, List<AttributeProto> Attributes, string? Name, string Domain = "")
{
    /// <summary>Whether an attribute holds a subgraph, which may read any outer tensor by name.</summary>
    public bool HasSubgraph => Attributes.Any(a => a.G is not null || a.Graphs.Count > 0);
}

/// <summary>A float32 weight of an ONNX graph.</summary>
internal sealed record OnnxWeight(long[] Dims, float[] Values);

/// <summary>
/// An ONNX model (OnnxSharp's classes generated from onnx.proto) opened to rewrite its nodes and float32 weights;
/// every other field, including fields this onnx.proto does not know, is written back as it was read. Intermediate
/// shape hints (value_info) are dropped, as ONNX Runtime infers them again.
/// </summary>
internal sealed class OnnxGraph
{
    private const int FloatType = 1;

    private readonly ModelProto model;

    private OnnxGraph(ModelProto model) => this.model = model;

    public List<OnnxNode> Nodes { get; set; } = [];

    public Dictionary<string, OnnxWeight> Weights { get; } = new(StringComparer.Ordinal);

    /// <summary>Initializers that are not float32, and new ones written by a rewrite.</summary>
    public List<TensorProto> OtherInitializers { get; } = [];

    /// <summary>The graph's outputs.</summary>
    public IReadOnlyList<ValueInfoProto> Outputs => model.Graph.Output;

    /// <summary>The version of the default operator set.</summary>
    public long Opset => model.OpsetImport.Where(IsDefault).Select(o => o.Version).DefaultIfEmpty(0).Max();

    /// <summary>Domains to import on writing (version 1) if the model does not import them yet.</summary>
    public HashSet<string> AddDomains { get; } = new(StringComparer.Ordinal);

    /// <summary>Opens a model; <paramref name="source"/> names it in the one-line error a damaged file gets.</summary>
    public static OnnxGraph Parse(byte[] bytes, string source = "the ONNX model")
    {
        var model = Read(bytes, source);
        model.Graph ??= new GraphProto();
        var g = new OnnxGraph(model);
        foreach (var n in model.Graph.Node)
        {
            g.Nodes.Add(new OnnxNode(n.OpType, [.. n.Input], [.. n.Output], [.. n.Attribute], n.Name.Length > 0 ? n.Name : null, n.Domain));
        }
        foreach (var t in model.Graph.Initializer)
        {
            if (Float(t) is { } w) g.Weights[t.Name] = w;
            else g.OtherInitializers.Add(t);
        }
        return g;
    }

    /// <summary>
    /// The model as bytes, with opset at least <paramref name="minOpset"/>, used float weights only, and extra float
    /// graph outputs <paramref name="extraOutputs"/>.
    /// </summary>
    public byte[] Write(long minOpset, IEnumerable<string> extraOutputs)
    {
        var m = model.Clone();
        var graph = m.Graph;
        graph.Node.Clear();
        graph.Node.AddRange(Nodes.Select(ToProto));
        var used = new HashSet<string>(Nodes.SelectMany(n => n.Inputs), StringComparer.Ordinal);
        bool keepAll = Nodes.Any(n => n.HasSubgraph);
        graph.Initializer.Clear();
        graph.Initializer.AddRange(Weights.Where(p => keepAll || used.Contains(p.Key)).Select(p => FloatTensor(p.Key, p.Value.Dims, p.Value.Values)));
        graph.Initializer.AddRange(OtherInitializers);
        graph.ValueInfo.Clear();
        graph.Output.AddRange(extraOutputs.Select(name => ValueInfo(name, FloatType, null)));
        long opset = Math.Max(Opset, minOpset);
        m.IrVersion = Math.Max(m.IrVersion, opset >= 10 ? 5 : 3);   // opset 10 needs IR version 5
        var imports = m.OpsetImport.Where(o => !IsDefault(o)).ToList();
        m.OpsetImport.Clear();
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        m.OpsetImport.AddRange(imports);
        var imported = imports.Select(o => o.Domain).ToHashSet(StringComparer.Ordinal);
        m.OpsetImport.AddRange(AddDomains.Where(d => !imported.Contains(d)).Order(StringComparer.Ordinal)
            .Select(d => new OperatorSetIdProto { Domain = d, Version = 1 }));
        return m.ToByteArray();
    }

    /// <summary>The model in <paramref name="bytes"/>, or a one-line error naming <paramref name="source"/>.</summary>
    internal static ModelProto Read(byte[] bytes, string source)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UserInputException($"{source}: not a valid ONNX model ({e.Message.TrimEnd('.')}); expected an .onnx file (a ModelProto)", e);
        }
    }

    public static TensorProto Tensor(string name, int type, long[] dims, byte[] raw)
    {
        var t = new TensorProto { Name = name, DataType = type, RawData = ByteString.CopyFrom(raw) };
        t.Dims.AddRange(dims);
        return t;
    }

    public static TensorProto FloatTensor(string name, long[] dims, float[] values)
    {
        var raw = new byte[values.Length * 4];
        for (int k = 0; k < values.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(k * 4), values[k]);
        return Tensor(name, FloatType, dims, raw);
    }

    /// <summary>A ValueInfoProto: <paramref name="name"/>, a tensor of <paramref name="elementType"/>, and its shape when given.</summary>
    internal static ValueInfoProto ValueInfo(string name, int elementType, TensorShapeProto? shape) => new()
    {
        Name = name,
        Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
    };

    private static bool IsDefault(OperatorSetIdProto o) => o.Domain is "" or "ai.onnx";

    private static NodeProto ToProto(OnnxNode n)
    {
        var p = new NodeProto { OpType = n.Op, Name = n.Name ?? "", Domain = n.Domain };
        p.Input.AddRange(n.Inputs);
        p.Output.AddRange(n.Outputs);
        p.Attribute.AddRange(n.Attributes);
        return p;
    }

    private static OnnxWeight? Float(TensorProto t)
    {
        if (t.DataType != FloatType || t.DataLocation == TensorProto.Types.DataLocation.External) return null;
        long count = t.Dims.Aggregate(1L, (a, d) => a * d);
        if (t.RawData.Length == count * 4)
        {
            var raw = t.RawData.Span;
            var values = new float[count];
            for (int k = 0; k < values.Length; k++) values[k] = BinaryPrimitives.ReadSingleLittleEndian(raw[(k * 4)..]);
            return new OnnxWeight([.. t.Dims], values);
        }
        return t.RawData.IsEmpty && t.FloatData.Count == count ? new OnnxWeight([.. t.Dims], [.. t.FloatData]) : null;
    }
}
