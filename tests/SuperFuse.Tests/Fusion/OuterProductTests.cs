using SuperFuse.Fusion;
using SuperFuse.Tests.Support;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Fusion;

public sealed class OuterProductTests
{
    public OuterProductTests() => TorchFixture.Start();

    [Theory]
    [InlineData("tensor")]
    [InlineData("tfn")]
    public void Bilinear_first_layer_equals_linear_on_the_materialised_fusion(string name)
    {
        var fusion = FusionRegistry.Get(name);
        var g = new Generator(7);
        using var text = randn([5, 4], generator: g);
        using var image = randn([5, 3], generator: g);
        using var weight = randn([6, fusion.OutputDim(4, 3)], generator: g);
        using var bias = randn([6], generator: g);
        using var fused = fusion.Fuse(text, image);
        using var expected = nn.functional.linear(fused, weight, bias);
        using var actual = fusion.FirstLayer(text, image, weight, bias);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Bilinear_gradients_equal_the_materialised_ones()
    {
        var fusion = FusionRegistry.Get("tensor");
        var g = new Generator(3);
        using var text = randn([4, 3], generator: g);
        using var image = randn([4, 5], generator: g);
        using var w1 = randn([2, 15], generator: g).requires_grad_();
        using var w2 = w1.detach().clone().requires_grad_();
        using var b = zeros(2);
        using var scope = NewDisposeScope();
        fusion.FirstLayer(text, image, w1, b).pow(2).sum().backward();
        nn.functional.linear(fusion.Fuse(text, image), w2, b).pow(2).sum().backward();
        Assert.True(w1.grad!.allclose(w2.grad!, rtol: 1e-5, atol: 1e-5));
    }
}
