using SuperFuse.Encoders;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Encoders;

/// <summary>Reading and writing ONNX models through the generated onnx.proto classes.</summary>
public sealed class OnnxGraphTests
{
    // Field 99 of ModelProto, a varint 12345: a field this onnx.proto does not define.
    private static readonly byte[] UnknownField = [0x98, 0x06, 0xB9, 0x60];

    [Fact]
    public void Rewrites_keep_fields_the_schema_does_not_know()
    {
        byte[] model = [.. TinyTextOnnx.MaxAndMinId(), .. UnknownField];
        Assert.True(OnnxBatchDim.MakeDynamic(model).AsSpan().IndexOf(UnknownField) >= 0);
        Assert.True(OnnxInt8.QuantizeMatMuls(model).Model.AsSpan().IndexOf(UnknownField) >= 0);
    }

    [Fact]
    public void A_rewrite_that_changes_nothing_keeps_every_node_and_the_opset()
    {
        var tiny = TinyTextOnnx.MaxAndMinId();
        var again = OnnxGraph.Parse(OnnxGraph.Parse(tiny).Write(0, []));
        Assert.Equal(["Cast", "ReduceMax", "ReduceMin", "Concat"], again.Nodes.Select(n => n.Op));
        Assert.Equal(13, again.Opset);
        Assert.Equal("text_embeds", Assert.Single(again.Outputs).Name);
    }

    [Fact]
    public void A_damaged_model_is_a_one_line_error_naming_it()
    {
        byte[] garbage = [.. TinyTextOnnx.MaxAndMinId().Take(40), 0xFF, 0xFF, 0xFF];
        foreach (var read in new Action[] { () => OnnxInt8.QuantizeMatMuls(garbage, "x.onnx"), () => OnnxBatchDim.MakeDynamic(garbage, "x.onnx") })
        {
            var e = Assert.Throws<UserInputException>(read);
            Assert.StartsWith("x.onnx: not a valid ONNX model (", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }
}
