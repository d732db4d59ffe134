using SuperFuse.Fusion;
using SuperFuse.Robustness;
using SuperFuse.Tests.Support;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Robustness;

/// <summary>
/// The expanded noise sweep against corrupting, fusing and scoring each input again, for every fusion that declares an
/// algebra or has bilinear factors (tensor, TFN), both noise modes and all three conditions; and each declared algebra
/// against its fusion's own formula.
/// </summary>
public sealed class NoiseExpansionTests
{
    private const int Rows = 40, Dim = 6, Seeds = 3, Hidden = 5, Classes = 3;

    public NoiseExpansionTests() => TorchFixture.Start();

    public static TheoryData<string, NoiseMode> Cases() => new()
    {
        { "concat", NoiseMode.Additive }, { "concat", NoiseMode.Mix },
        { "sum", NoiseMode.Additive }, { "sum", NoiseMode.Mix },
        { "product", NoiseMode.Additive }, { "product", NoiseMode.Mix },
        { "product:3", NoiseMode.Additive }, { "product:3", NoiseMode.Mix },
        { "tensor", NoiseMode.Additive }, { "tensor", NoiseMode.Mix },
        { "tfn", NoiseMode.Additive }, { "tfn", NoiseMode.Mix },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expanded_sweep_equals_fusing_each_corrupted_input(string name, NoiseMode mode)
    {
        using var f = new Fixture(name);
        var (fusion, test, draws, weights) = (f.Fusion, f.Test, f.Draws, f.Weights);
        var expansion = f.Expansion(mode);
        Assert.NotNull(expansion);
        foreach (var condition in Enum.GetValues<NoiseCondition>())
        {
            foreach (double alpha in new[] { 0.0, 0.35, 0.95 })
            {
                using var scope = NewDisposeScope();
                var text = condition == NoiseCondition.Image ? test.Text : NoiseSweep.Corrupt(test.Text, draws.Text, mode, alpha);
                var image = condition == NoiseCondition.Text ? test.Image : NoiseSweep.Corrupt(test.Image, draws.Image, mode, alpha);
                using var scorer = new StackedScorer(Enumerable.Range(0, Rows).ToArray(), new long[Rows]);
                using var layer = new FusedRowsLayer(fusion.Fuse(text, image));
                var direct = scorer.Probabilities(weights, layer);
                var expanded = expansion.Probabilities(condition, alpha);
                for (int k = 0; k < Seeds; k++)
                {
                    for (int i = 0; i < direct[k].Length; i++) Assert.InRange(expanded[k][i] - direct[k][i], -2e-5f, 2e-5f);
                }
            }
        }
    }

    [Fact]
    public void Noise_moves_the_probabilities_in_every_condition()
    {
        using var f = new Fixture("product");
        var expansion = f.Expansion(NoiseMode.Additive);
        Assert.NotNull(expansion);
        var clean = expansion.Probabilities(NoiseCondition.Both, 0);
        foreach (var condition in Enum.GetValues<NoiseCondition>())
        {
            var noisy = expansion.Probabilities(condition, 0.95);
            Assert.True(noisy[0].Zip(clean[0]).Max(p => Math.Abs(p.First - p.Second)) > 0.05, $"{condition} did not move");
        }
    }

    [Fact]
    public void Fusions_with_neither_an_algebra_nor_bilinear_factors_get_no_expansion()
    {
        using var f = new Fixture("gated");
        Assert.Null(f.Expansion(NoiseMode.Additive));
    }

    [Fact]
    public void Each_declared_algebra_holds_for_its_fusion()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(17);
        Tensor T() => randn(4, Dim, generator: gen);
        var (t, i, a, b) = (T(), T(), T(), T());
        var declared = FusionRegistry.Fusions.Append(FusionRegistry.Get("product:4")).Where(f => f.Algebra != FusionAlgebra.Other).ToList();
        Assert.Equal(["concat", "product", "sum", "product:4"], declared.Select(f => f.Name));
        foreach (var f in declared)
        {
            var whole = f.Fuse(t + a, i + b);
            var parts = f.Algebra == FusionAlgebra.Linear
                ? f.Fuse(t, i) + f.Fuse(a, b)
                : f.Fuse(t, i) + f.Fuse(a, i) + f.Fuse(t, b) + f.Fuse(a, b);
            Assert.True(whole.allclose(parts, rtol: 1e-5, atol: 1e-5), f.Name);
        }
        var tfn = FusionRegistry.Get("tfn");
        Assert.False(tfn.Fuse(t + a, i + b).allclose(tfn.Fuse(t, i) + tfn.Fuse(a, i) + tfn.Fuse(t, b) + tfn.Fuse(a, b), rtol: 1e-3, atol: 1e-3));
    }

    /// <summary>A fusion, random test pairs, their noise draws and random weights for <see cref="Seeds"/> models.</summary>
    private sealed class Fixture : IDisposable
    {
        public Fixture(string name)
        {
            Fusion = FusionRegistry.Get(name);
            var gen = new Generator(3);
            Test = new PairedTensors(randn(Rows, Dim, generator: gen), randn(Rows, Dim, generator: gen), zeros(Rows, dtype: ScalarType.Int64));
            var rows = Enumerable.Range(0, Rows).ToArray();
            Draws = NoiseDraws.Create(Rows, ModalityStats.Of(Test.Text.data<float>().ToArray(), Dim, rows, true),
                ModalityStats.Of(Test.Image.data<float>().ToArray(), Dim, rows, true), seed: 11);
            Weights = new StackedWeights(Seeds, Fusion.OutputDim(Dim, Dim), Hidden, Classes);
            using var noGrad = no_grad();
            using var init = randn(Weights.Values.shape, generator: new Generator(9));
            Weights.Values.copy_(init);
        }

        public FusionMethod Fusion { get; }

        public PairedTensors Test { get; }

        public NoiseDraws Draws { get; }

        public StackedWeights Weights { get; }

        public NoiseExpansion? Expansion(NoiseMode mode) => NoiseExpansion.TryCreate(Fusion, Weights, Test, Draws, mode);

        public void Dispose()
        {
            Weights.Dispose();
            Draws.Dispose();
            Test.Dispose();
        }
    }
}
