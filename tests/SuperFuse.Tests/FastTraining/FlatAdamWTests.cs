using SuperFuse.FastTraining;
using SuperFuse.Tests.Support;
using SuperFuse.Training;
using static TorchSharp.torch;

namespace SuperFuse.Tests.FastTraining;

public sealed class FlatAdamWTests
{
    public FlatAdamWTests() => TorchFixture.Start();

    [Theory]
    [InlineData(0.0, 1_000)]      // one chunk, vector loop and scalar tail
    [InlineData(0.01, 200_003)]   // several chunks on several threads, odd length
    public void Fused_pass_matches_the_op_by_op_adamw(double weightDecay, int count)
    {
        var g = new Generator(5);
        using var start = randn([count], generator: g);
        using var reference = new TorchSharp.Modules.Parameter(start.clone());
        using var values = start.clone();
        using var gradients = zeros(count);
        var options = new TrainOptions(LearningRate: 0.01, WeightDecay: weightDecay);
        using var plain = new AdamW([reference], options);
        using var fused = new FlatAdamW(values, gradients, options);
        for (int step = 0; step < 25; step++)
        {
            using var scope = NewDisposeScope();
            var grad = randn([count], generator: g).mul_(0.1);
            reference.grad = grad.clone();
            gradients.copy_(grad);
            plain.Step();
            fused.Step();
        }
        // Same formula in float32; libtorch may fuse multiply-adds where the C# kernel does not, so a few ulps apart.
        Assert.True(values.allclose(reference, rtol: 1e-5, atol: 1e-6));
        Assert.False(values.allclose(start));
    }
}
