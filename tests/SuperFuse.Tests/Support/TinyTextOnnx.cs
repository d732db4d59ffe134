using Google.Protobuf;
using Onnx;
using static Onnx.AttributeProto.Types;

namespace SuperFuse.Tests.Support;

/// <summary>
/// A hand-built ONNX text tower that pools by itself: input_ids [B, T] (int64) → [max id, min id] per row as a
/// [B, 2] float output, so a test can see exactly which ids (padding included) the model was given.
/// </summary>
internal static class TinyTextOnnx
{
    private const int Float = 1, Int64 = 7;

    public static byte[] MaxAndMinId()
    {
        var graph = new GraphProto { Name = "tiny" };
        graph.Node.Add(Node("Cast", ["input_ids"], ["ids"], new AttributeProto { Name = "to", I = Float, Type = AttributeType.Int }));
        graph.Node.Add(Node("ReduceMax", ["ids"], ["max"], Ints("axes", 1), new AttributeProto { Name = "keepdims", I = 1, Type = AttributeType.Int }));
        graph.Node.Add(Node("ReduceMin", ["ids"], ["min"], Ints("axes", 1), new AttributeProto { Name = "keepdims", I = 1, Type = AttributeType.Int }));
        graph.Node.Add(Node("Concat", ["max", "min"], ["text_embeds"], new AttributeProto { Name = "axis", I = 1, Type = AttributeType.Int }));
        graph.Input.Add(Value("input_ids", Int64, "batch", "tokens"));
        graph.Output.Add(Value("text_embeds", Float, "batch", null));
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    // A tensor of the given element type; a null second dimension is a fixed 2.
    private static ValueInfoProto Value(string name, int elementType, string rows, string? columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = rows });
        shape.Dim.Add(columns is null ? new TensorShapeProto.Types.Dimension { DimValue = 2 } : new TensorShapeProto.Types.Dimension { DimParam = columns });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
        };
    }
}
