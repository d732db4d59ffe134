using System.Buffers.Binary;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SuperFuse.Encoders;

/// <summary>
/// Static int8 quantisation of a convolutional image tower for ONNX Runtime: batch norms are folded into the
/// convolutions before them, activation ranges are measured on calibration images, and every convolution becomes
/// QuantizeLinear → QLinearConv (int8 weights per output channel in ±63, int32 bias) → DequantizeLinear. A ReLU that
/// is a convolution's only reader is absorbed (the output range starts at 0, which clamps as the ReLU did), and a
/// convolution that reads another's output takes its uint8 tensor directly. Everything else runs in float32.
/// </summary>
public static class OnnxConvQuantizer
{
    private const int Int8 = 3, UInt8 = 2, Int32 = 6, Float = 1, Levels = 63;

    /// <summary>
    /// The quantised model, calibrated on <paramref name="count"/> images (<paramref name="chw"/>, 3 × size × size
    /// each, as the tower's preprocessing model or the tower itself takes them).
    /// </summary>
    public static byte[] Quantize(byte[] model, byte[]? prep, float[] chw, int count, int size, int threads, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (count < 1) throw new UserInputException($"{source}: no image could be read to calibrate --image-int8; expected at least one good image");
        var graph = OnnxGraph.Parse(model, source);
        if (!graph.Nodes.Any(n => n.Op == "Conv")) throw new UserInputException($"{source}: has no Conv for --image-int8 to quantise; expected a convolutional image tower");
        FoldBatchNorms(graph, source);
        var ranges = Calibrate(graph, Prepared(prep, chw, count, size, threads, source), threads);
        AbsorbRelus(graph);
        Rewrite(graph, ranges);
        return graph.Write(10, []);
    }

    private static DenseTensor<float> Prepared(byte[]? prep, float[] chw, int count, int size, int threads, string source)
    {
        var input = new DenseTensor<float>(chw.AsMemory(0, count * 3 * size * size), [count, 3, size, size]);
        if (prep is null) return input;
        using var session = OnnxSessions.Open(OnnxBatchDim.MakeDynamic(prep, source + " (preprocessing)"), threads, source + " (preprocessing)");
        using var output = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), input)]);
        return output[0].AsTensor<float>().ToDenseTensor();
    }

    private static void FoldBatchNorms(OnnxGraph g, string source)
    {
        var readers = g.Nodes.SelectMany(n => n.Inputs).GroupBy(x => x).ToDictionary(x => x.Key, x => x.Count());
        foreach (var bn in g.Nodes.Where(n => n.Op == "BatchNormalization").ToList())
        {
            int at = g.Nodes.FindIndex(n => n.Op == "Conv" && n.Outputs[0] == bn.Inputs[0]);
            if (at < 0 || readers[bn.Inputs[0]] != 1 || !bn.Inputs.Skip(1).All(g.Weights.ContainsKey))
            {
                throw new UserInputException($"{source}: a BatchNormalization that does not follow its own Conv cannot be folded for --image-int8");
            }
            var conv = g.Nodes[at];
            var w = g.Weights[conv.Inputs[1]];
            float[] gamma = g.Weights[bn.Inputs[1]].Values, beta = g.Weights[bn.Inputs[2]].Values;
            float[] mean = g.Weights[bn.Inputs[3]].Values, variance = g.Weights[bn.Inputs[4]].Values;
            int channels = (int)w.Dims[0], per = w.Values.Length / channels;
            float[] bias = conv.Inputs.Count > 2 ? g.Weights[conv.Inputs[2]].Values : new float[channels];
            var folded = new float[w.Values.Length];
            var shift = new float[channels];
            float epsilon = Epsilon(bn);
            for (int o = 0; o < channels; o++)
            {
                double k = gamma[o] / Math.Sqrt(variance[o] + epsilon);
                for (int j = 0; j < per; j++) folded[(o * per) + j] = (float)(w.Values[(o * per) + j] * k);
                shift[o] = (float)(beta[o] + ((bias[o] - mean[o]) * k));
            }
            string name = conv.Outputs[0];
            g.Weights[name + "_w"] = w with { Values = folded };
            g.Weights[name + "_b"] = new OnnxWeight([channels], shift);
            g.Nodes[at] = conv with { Inputs = [conv.Inputs[0], name + "_w", name + "_b"], Outputs = [bn.Outputs[0]] };
            g.Nodes.Remove(bn);
        }
    }

    private static float Epsilon(OnnxNode bn) =>
        bn.Attributes.FirstOrDefault(a => a.Name == "epsilon" && a.Type == Onnx.AttributeProto.Types.AttributeType.Float) is { } a ? a.F : 1e-5f;

    // Min and max (widened to include 0) of every convolution's input and output and every ReLU's output.
    private static Dictionary<string, (float Min, float Max)> Calibrate(OnnxGraph g, DenseTensor<float> batch, int threads)
    {
        var names = g.Nodes.Where(n => n.Op == "Conv").SelectMany(n => new[] { n.Inputs[0], n.Outputs[0] })
            .Concat(g.Nodes.Where(n => n.Op == "Relu").Select(n => n.Outputs[0])).ToHashSet(StringComparer.Ordinal);
        var outputs = g.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var probe = g.Write(0, names.Where(n => !outputs.Contains(n)));
        using var session = OnnxSessions.Open(OnnxBatchDim.MakeDynamic(probe), threads, "calibration");
        using var result = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), batch)]);
        var ranges = new Dictionary<string, (float, float)>(StringComparer.Ordinal);
        foreach (var v in result.Where(v => names.Contains(v.Name)))
        {
            var values = v.AsTensor<float>() is DenseTensor<float> d ? d.Buffer.Span : v.AsTensor<float>().ToArray();
            float lo = 0, hi = 0;
            foreach (float x in values)
            {
                lo = Math.Min(lo, x);
                hi = Math.Max(hi, x);
            }
            ranges[v.Name] = (lo, hi);
        }
        return ranges;
    }

    private static void AbsorbRelus(OnnxGraph g)
    {
        var readers = g.Nodes.SelectMany(n => n.Inputs).GroupBy(x => x).ToDictionary(x => x.Key, x => x.Count());
        foreach (var relu in g.Nodes.Where(n => n.Op == "Relu").ToList())
        {
            int at = g.Nodes.FindIndex(n => n.Op == "Conv" && n.Outputs[0] == relu.Inputs[0]);
            if (at < 0 || readers[relu.Inputs[0]] != 1) continue;
            g.Nodes[at] = g.Nodes[at] with { Outputs = [relu.Outputs[0]] };
            g.Nodes.Remove(relu);
        }
    }

    private static void Rewrite(OnnxGraph g, Dictionary<string, (float Min, float Max)> ranges)
    {
        var nodes = new List<OnnxNode>();
        var quantized = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in g.Nodes)
        {
            if (n.Op != "Conv" || !g.Weights.ContainsKey(n.Inputs[1]))
            {
                nodes.Add(n);
                continue;
            }
            string x = n.Inputs[0], y = n.Outputs[0];
            var (xScale, _) = Activation(g, ranges[x], x, quantized);
            if (quantized.Add(x)) nodes.Add(new OnnxNode("QuantizeLinear", [x, x + "_s", x + "_z"], [x + "_q"], [], null));
            Activation(g, ranges[y], y, quantized);
            quantized.Add(y);
            string w = Weights(g, n, y, xScale);
            nodes.Add(new OnnxNode("QLinearConv", [x + "_q", x + "_s", x + "_z", w + "_q", w + "_ws", w + "_wz", y + "_s", y + "_z", w + "_bq"], [y + "_q"], n.Attributes, n.Name));
            nodes.Add(new OnnxNode("DequantizeLinear", [y + "_q", y + "_s", y + "_z"], [y], [], null));
        }
        // A DequantizeLinear nobody reads (the next convolution takes the uint8 tensor) is dropped.
        var read = new HashSet<string>(nodes.SelectMany(n => n.Inputs), StringComparer.Ordinal);
        var outputs = g.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        nodes.RemoveAll(n => n.Op == "DequantizeLinear" && !read.Contains(n.Outputs[0]) && !outputs.Contains(n.Outputs[0]));
        g.Nodes = nodes;
    }

    // uint8 scale and zero point of an activation range; written once per tensor.
    private static (float Scale, byte Zero) Activation(OnnxGraph g, (float Min, float Max) range, string name, HashSet<string> written)
    {
        float scale = Math.Max(range.Max - range.Min, 1e-8f) / 255f;
        byte zero = (byte)Math.Clamp(Math.Round(-range.Min / scale), 0, 255);
        if (!written.Contains(name))
        {
            g.OtherInitializers.Add(OnnxGraph.Tensor(name + "_s", Float, [], BitConverter.GetBytes(scale)));
            g.OtherInitializers.Add(OnnxGraph.Tensor(name + "_z", UInt8, [], [zero]));
        }
        return (scale, zero);
    }

    // int8 weights per output channel, their scales and zero points, and the bias as int32 at scale x·w.
    private static string Weights(OnnxGraph g, OnnxNode conv, string y, float xScale)
    {
        var w = g.Weights[conv.Inputs[1]];
        int channels = (int)w.Dims[0], per = w.Values.Length / channels;
        float[] bias = conv.Inputs.Count > 2 ? g.Weights[conv.Inputs[2]].Values : new float[channels];
        var q = new byte[w.Values.Length];
        var scales = new float[channels];
        var biasBytes = new byte[channels * 4];
        for (int o = 0; o < channels; o++)
        {
            float max = 0;
            for (int j = 0; j < per; j++) max = Math.Max(max, Math.Abs(w.Values[(o * per) + j]));
            scales[o] = max > 0 ? max / Levels : 1f;
            for (int j = 0; j < per; j++) q[(o * per) + j] = (byte)(sbyte)Math.Clamp(Math.Round(w.Values[(o * per) + j] / scales[o]), -Levels, Levels);
            BinaryPrimitives.WriteInt32LittleEndian(biasBytes.AsSpan(o * 4), (int)Math.Round(bias[o] / (xScale * scales[o])));
        }
        string name = y + "_conv";
        g.OtherInitializers.Add(OnnxGraph.Tensor(name + "_q", Int8, w.Dims, q));
        g.OtherInitializers.Add(OnnxGraph.FloatTensor(name + "_ws", [channels], scales));
        g.OtherInitializers.Add(OnnxGraph.Tensor(name + "_wz", Int8, [channels], new byte[channels]));
        g.OtherInitializers.Add(OnnxGraph.Tensor(name + "_bq", Int32, [channels], biasBytes));
        return name;
    }
}
