using SuperFuse.Runtime;
using SuperFuse.Tests.Support;
using SuperFuse.Training.Stacked;
using SuperFuse.Training.Stacked.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training.Stacked.Kernels;

/// <summary>
/// The bilinear layer's one-pass contraction against the libtorch ops it replaces, Vᵀ.mul_(Lᵀ).sum(1) + b, every bit:
/// sums shorter than, equal to and longer than one cascade level and than a second-level block, and lengths off the
/// level boundaries.
/// </summary>
public sealed class BilinearContractionTests
{
    public BilinearContractionTests() => TorchFixture.Start();

    // H ≥ B, or B/2 a multiple of 64, so that libtorch's split of the work over two threads leaves it whole groups of
    // rows with its AVX2 kernels and with its AVX-512 ones.
    [Theory]
    [InlineData(64, 1, 64)]
    [InlineData(64, 2, 64)]
    [InlineData(64, 15, 64)]
    [InlineData(64, 16, 64)]
    [InlineData(128, 17, 128)]
    [InlineData(64, 255, 64)]
    [InlineData(64, 256, 64)]
    [InlineData(64, 257, 64)]
    [InlineData(32, 300, 256)]
    [InlineData(64, 768, 64)]
    [InlineData(8, 4099, 512)]
    public void Contraction_has_the_bits_of_multiply_and_sum(int hidden, int n, int batch)
    {
        using var scope = NewDisposeScope();
        var (vt, left, bias) = Inputs(hidden, n, batch);
        Assert.Equal(Bits(Libtorch(vt, left, bias)), Bits(Kernel(vt, left, bias)));
    }

    [Fact]
    public void A_plain_running_sum_would_fail_the_comparison()
    {
        // The comparison can tell summation orders apart: a left-to-right sum of the same products differs somewhere.
        using var scope = NewDisposeScope();
        var (vt, left, bias) = Inputs(64, 768, 64);
        using var products = vt.view(64, 768, 64) * left.t();
        using var running = products.cumsum(1)[.., -1].t() + bias;
        Assert.NotEqual(Bits(Libtorch(vt, left, bias)), Bits(running));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(16, false)]
    [InlineData(48, false)]
    [InlineData(32, true)]
    [InlineData(1024, true)]
    public void Applies_to_multiples_of_thirty_two_rows(int batch, bool applies) =>
        Assert.Equal(applies, BilinearContraction.Applies(batch));

    [Theory]
    [InlineData(1, 4)]
    [InlineData(768, 4)]
    [InlineData(1 << 16, 4)]
    [InlineData((1 << 16) + 1, 4)]
    [InlineData((1 << 20) + 1, 5)]
    public void Level_power_follows_the_sum_length(int n, int power) => Assert.Equal(power, BilinearContraction.LevelPower(n));

    private static (Tensor Vt, Tensor Left, Tensor Bias) Inputs(int hidden, int n, int batch)
    {
        var vt = randn([(long)hidden * n, batch], generator: new Generator((ulong)(hidden + n)));
        var left = randn([batch, n], generator: new Generator((ulong)batch));
        vt[0].zero_();   // exact zeros among the products
        return (vt, left, randn([hidden], generator: new Generator(5)));
    }

    /// <summary>Every float's bit pattern, row by row.</summary>
    private static int[] Bits(Tensor t)
    {
        using var dense = t.contiguous();
        return dense.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
    }

    private static Tensor Libtorch(Tensor vt, Tensor left, Tensor bias)
    {
        long hidden = bias.shape[0], n = left.shape[1], batch = left.shape[0];
        using var copy = vt.clone();
        using var perUnit = copy.view(hidden, n, batch);
        using var lt = left.t();
        perUnit.mul_(lt);
        using var summed = perUnit.sum(1, false);
        using var hb = summed.t();
        return hb.add(bias);
    }

    private static unsafe Tensor Kernel(Tensor vt, Tensor left, Tensor bias)
    {
        int hidden = (int)bias.shape[0], n = (int)left.shape[1], batch = (int)left.shape[0];
        using var lt = left.t().contiguous();
        var h = empty(batch, hidden);
        BilinearContraction.Write(NativeBuffer.Floats(vt), NativeBuffer.Floats(lt), NativeBuffer.Floats(bias), NativeBuffer.Floats(h),
            hidden, n, batch);
        return h;
    }
}
