using SuperFuse.Tests.Support;
using SuperFuse.Training;
using SuperFuse.Training.Plain;
using SuperFuse.Training.Stacked;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training.Stacked;

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

    [Theory]
    [InlineData(10)]        // √(1 − β₂ᵗ) < 1: the division by it runs
    [InlineData(20_000)]    // √(1 − β₂ᵗ) is exactly 1 in float32: the division is left out
    public void Every_element_has_the_bits_of_the_scalar_formula(int step)
    {
        const int Count = 1_003;
        var g = new Generator(6);
        using var values = randn([Count], generator: g);
        using var gradients = randn([Count], generator: g);
        var options = new TrainOptions(LearningRate: 0.01, WeightDecay: 0.01);
        using var fused = new FlatAdamW(values, gradients, options);
        fused.Advance(step - 1);
        Assert.Equal(step > 16_600, fused.At(step).C2 == 1f);
        float[] p = values.data<float>().ToArray(), grad = gradients.data<float>().ToArray();
        var (m, v) = (new float[Count], new float[Count]);
        for (int round = 0; round < 2; round++)
        {
            var c = fused.At(fused.Steps + 1);
            fused.Step();
            for (int i = 0; i < Count; i++)
            {
                m[i] = (m[i] * c.B1) + (grad[i] * c.OneMinusB1);
                v[i] = (v[i] * c.B2) + (grad[i] * grad[i] * c.OneMinusB2);
                p[i] = (p[i] * c.Decay) + (c.StepSize * (m[i] / ((MathF.Sqrt(v[i]) / c.C2) + c.Eps)));
            }
        }
        Assert.Equal(p, values.data<float>().ToArray());
    }
}
