using Microsoft.ML.OnnxRuntime;

namespace SuperFuse.Encoders;

/// <summary>ONNX Runtime sessions as SuperFuse opens them: fixed thread count, full graph optimisation, sequential.</summary>
public static class OnnxSessions
{
    /// <summary>Opens <paramref name="model"/> with <paramref name="threads"/> intra-op threads (0 = one per core).</summary>
    public static InferenceSession Open(byte[] model, int threads, string source)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads > 0 ? threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new UserInputException($"{source}: not a loadable ONNX model ({e.Message.ReplaceLineEndings(" ")}); expected an .onnx file", e);
        }
    }
}
