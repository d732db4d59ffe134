namespace SuperFuse.Encoders;

/// <summary>
/// Makes the first (batch) dimension of an ONNX model's inputs and outputs symbolic, so a model exported with a fixed
/// batch of 1 (such as ML.NET's ResNet18) can run batches. It rewrites only the graph's input and output type
/// declarations in the protobuf and drops the optional intermediate shape hints (value_info); nodes and weights are
/// copied byte for byte. A test checks that batched outputs equal one-at-a-time outputs.
/// </summary>
public static class OnnxBatchDim
{
    private const int ModelGraph = 7, GraphInput = 11, GraphOutput = 12, GraphValueInfo = 13;
    private const int ValueInfoType = 2, TypeTensor = 1, TensorShape = 2, ShapeDim = 1, DimValue = 1;

    /// <summary>The model with dimension 0 of every graph input and output renamed to the symbol <c>batch</c>.</summary>
    public static byte[] MakeDynamic(ReadOnlySpan<byte> model)
    {
        var output = new ProtoWriter();
        foreach (var field in ProtoReader.Fields(model))
        {
            if (field.Number == ModelGraph && field.WireType == 2) output.Message(field.Number, Graph(field.Payload(model)));
            else output.Raw(field.Raw(model));
        }
        return output.ToArray();
    }

    private static byte[] Graph(ReadOnlySpan<byte> graph)
    {
        var output = new ProtoWriter();
        foreach (var field in ProtoReader.Fields(graph))
        {
            if (field.Number == GraphValueInfo) continue;
            if (field.Number is GraphInput or GraphOutput) output.Message(field.Number, Path(field.Payload(graph), 0, [ValueInfoType, TypeTensor, TensorShape]));
            else output.Raw(field.Raw(graph));
        }
        return output.ToArray();
    }

    /// <summary>Descends through nested messages by field number, then rewrites the first dim of the shape.</summary>
    private static byte[] Path(ReadOnlySpan<byte> message, int depth, int[] path)
    {
        var output = new ProtoWriter();
        bool firstDim = true;
        foreach (var field in ProtoReader.Fields(message))
        {
            if (depth < path.Length && field.Number == path[depth] && field.WireType == 2)
            {
                output.Message(field.Number, Path(field.Payload(message), depth + 1, path));
            }
            else if (depth == path.Length && field.Number == ShapeDim && firstDim)
            {
                output.Message(field.Number, SymbolicDim(field.Payload(message)));
                firstDim = false;
            }
            else
            {
                output.Raw(field.Raw(message));
            }
        }
        return output.ToArray();
    }

    private static byte[] SymbolicDim(ReadOnlySpan<byte> dim)
    {
        var output = new ProtoWriter();
        foreach (var field in ProtoReader.Fields(dim))
        {
            if (field.Number != DimValue) output.Raw(field.Raw(dim));
        }
        output.String(2, "batch");
        return output.ToArray();
    }
}
