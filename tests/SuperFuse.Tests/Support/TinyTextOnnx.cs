using SuperFuse.Encoders;

namespace SuperFuse.Tests.Support;

/// <summary>
/// A hand-built ONNX text tower that pools by itself: input_ids [B, T] (int64) → [max id, min id] per row as a
/// [B, 2] float output, so a test can see exactly which ids (padding included) the model was given.
/// </summary>
internal static class TinyTextOnnx
{
    public static byte[] MaxAndMinId()
    {
        var graph = new ProtoWriter();
        graph.Message(1, Node("Cast", ["input_ids"], ["ids"], Attribute("to", 1)));
        graph.Message(1, Node("ReduceMax", ["ids"], ["max"], Attribute("axes", [1]), Attribute("keepdims", 1)));
        graph.Message(1, Node("ReduceMin", ["ids"], ["min"], Attribute("axes", [1]), Attribute("keepdims", 1)));
        graph.Message(1, Node("Concat", ["max", "min"], ["text_embeds"], Attribute("axis", 1)));
        graph.String(2, "tiny");
        graph.Message(11, Value("input_ids", 7, "batch", "tokens"));
        graph.Message(12, Value("text_embeds", 1, "batch", null));
        var opset = new ProtoWriter();
        opset.String(1, "");
        opset.Int(2, 13);
        var model = new ProtoWriter();
        model.Int(1, 8);
        model.Message(8, opset.ToArray());
        model.Message(7, graph.ToArray());
        return model.ToArray();
    }

    private static byte[] Node(string op, string[] inputs, string[] outputs, params byte[][] attributes)
    {
        var node = new ProtoWriter();
        foreach (string i in inputs) node.String(1, i);
        foreach (string o in outputs) node.String(2, o);
        node.String(4, op);
        foreach (var a in attributes) node.Message(5, a);
        return node.ToArray();
    }

    private static byte[] Attribute(string name, long value)
    {
        var a = new ProtoWriter();
        a.String(1, name);
        a.Int(3, value);
        a.Int(20, 2);   // INT
        return a.ToArray();
    }

    private static byte[] Attribute(string name, long[] values)
    {
        var a = new ProtoWriter();
        a.String(1, name);
        foreach (long v in values) a.Int(8, v);
        a.Int(20, 7);   // INTS
        return a.ToArray();
    }

    // A tensor of the given element type (1 float, 7 int64); a null second dimension is a fixed 2.
    private static byte[] Value(string name, int elementType, string rows, string? columns)
    {
        var shape = new ProtoWriter();
        shape.Message(1, Dim(rows, 0));
        shape.Message(1, Dim(columns, 2));
        return OnnxGraph.ValueInfo(name, elementType, shape.ToArray());
    }

    private static byte[] Dim(string? symbol, long size)
    {
        var dim = new ProtoWriter();
        if (symbol is null) dim.Int(1, size);
        else dim.String(2, symbol);
        return dim.ToArray();
    }
}
