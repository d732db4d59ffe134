using Google.Protobuf;
using Onnx;

namespace SuperFuse.Encoders;

/// <summary>
/// Makes the first (batch) dimension of an ONNX model's inputs and outputs symbolic, so a model exported with a fixed
/// batch of 1 (such as ML.NET's ResNet18) can run batches. It rewrites only the graph's input and output type
/// declarations and drops the optional intermediate shape hints (value_info); nodes and weights are written back as
/// they were read. A test checks that batched outputs equal one-at-a-time outputs.
/// </summary>
public static class OnnxBatchDim
{
    /// <summary>The model with dimension 0 of every graph input and output renamed to the symbol <c>batch</c>.</summary>
    public static byte[] MakeDynamic(byte[] bytes, string source = "the ONNX model")
    {
        var model = OnnxGraph.Read(bytes, source);
        if (model.Graph is not { } graph) return bytes;
        graph.ValueInfo.Clear();
        foreach (var value in graph.Input.Concat(graph.Output))
        {
            if (value.Type?.TensorType?.Shape is { Dim.Count: > 0 } shape) shape.Dim[0].DimParam = "batch";
        }
        return model.ToByteArray();
    }
}
