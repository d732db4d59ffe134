using SuperFuse.Encoders;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Encoders;

/// <summary>ResNet18 quantised to int8 on real images: its structure, determinism, and how close its features stay.</summary>
public sealed class OnnxConvQuantizerTests
{
    [MvsaFact]
    public void ResNet18_in_int8_keeps_its_features_on_images_it_was_not_calibrated_on()
    {
        var folder = ImageFolder.Read(SharedData.MvsaSingle!, new FolderColumns());
        var items = folder.Items.Take(48).ToList();
        var (calibration, calibrated) = CalibrationImages.From(folder, items.Take(32).ToList())(ImageOptions.Raw224);
        var (model, prep) = DefaultEncoders.ResNet18Files();
        var quantized = OnnxConvQuantizer.Quantize(model, prep, calibration, calibrated, 224, threads: 2, "resnet18");
        Assert.Equal(quantized, OnnxConvQuantizer.Quantize(model, prep, calibration, calibrated, 224, threads: 2, "resnet18"));
        var graph = OnnxGraph.Parse(quantized);
        Assert.Equal(22, graph.Nodes.Count(n => n.Op == "QLinearConv"));   // all of its convolutions
        Assert.DoesNotContain(graph.Nodes, n => n.Op is "Conv" or "BatchNormalization");

        var (pixels, count) = CalibrationImages.From(folder, items.Skip(32).ToList())(ImageOptions.Raw224);
        var test = pixels.AsSpan(0, count * 3 * 224 * 224).ToArray();
        using var exact = DefaultEncoders.OpenResNet18(threads: 2);
        using var int8 = new ImageEncoder("int8", quantized, prep, ImageOptions.Raw224, threads: 2);
        var a = exact.Encode(test, count);
        var b = int8.Encode(test, count);
        var cosines = Enumerable.Range(0, count).Select(r => Vectors.Cosine(a, r, b, r, 512)).ToList();
        Assert.True(cosines.Average() > 0.98, $"mean cosine {cosines.Average()}");
        Assert.True(cosines.Min() > 0.9, $"min cosine {cosines.Min()}");
        Assert.Equal(b, int8.Encode(test, count));
    }

    [Fact]
    public void A_tower_without_convolutions_or_calibration_images_is_a_one_line_error()
    {
        var tiny = TinyTextOnnx.MaxAndMinId();
        var noConv = Assert.Throws<UserInputException>(() => OnnxConvQuantizer.Quantize(tiny, null, new float[3 * 8 * 8], 1, 8, 1, "tiny.onnx"));
        Assert.StartsWith("tiny.onnx: has no Conv", noConv.Message, StringComparison.Ordinal);
        var (model, prep) = DefaultEncoders.ResNet18Files();
        var none = Assert.Throws<UserInputException>(() => OnnxConvQuantizer.Quantize(model, prep, [], 0, 224, 1, "resnet18"));
        Assert.Contains("no image could be read", none.Message, StringComparison.Ordinal);
    }
}
