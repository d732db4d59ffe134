using SuperFuse.Tests.Support;
using SuperFuse.Training;
using SuperFuse.Training.Plain;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training.Plain;

public sealed class AdamWTests
{
    public AdamWTests() => TorchFixture.Start();

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void Matches_torchsharps_stock_adamw(double weightDecay)
    {
        var g = new Generator(11);
        using var x = randn([32, 5], generator: g);
        using var y = randn([32, 1], generator: g);
        using var w0 = randn([5, 1], generator: g);
        using var mine = new TorchSharp.Modules.Parameter(w0.clone());
        using var stock = new TorchSharp.Modules.Parameter(w0.clone());
        var options = new TrainOptions(LearningRate: 0.05, WeightDecay: weightDecay);
        using var ours = new AdamW([mine], options);
        using var theirs = optim.AdamW([stock], 0.05, 0.9, 0.999, 1e-8, weightDecay);
        for (int step = 0; step < 25; step++)
        {
            // A scope keeps the chains' temporaries reachable (see docs/protocol.md, TorchSharp and the GC).
            using var scope = NewDisposeScope();
            ours.ZeroGrad();
            x.matmul(mine).sub(y).pow(2).mean().backward();
            ours.Step();
            theirs.zero_grad();
            x.matmul(stock).sub(y).pow(2).mean().backward();
            theirs.step();
        }
        Assert.True(mine.allclose(stock, rtol: 1e-5, atol: 1e-6));
        Assert.False(mine.allclose(w0));
    }
}
