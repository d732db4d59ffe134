using SuperFuse.Tests.Support;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training.Stacked;

/// <summary>
/// The bilinear layer's fused step (each unit's gradient used by AdamW as soon as it is written, and the next step's
/// projection started from the updated unit) against its plain step followed by one AdamW pass: the same losses and
/// the same weights, bit for bit, over a run of steps that mixes batch sizes the contraction kernel takes (multiples of
/// 32) and ones it leaves to libtorch, with and without the next rows given.
/// </summary>
public sealed class BilinearUpdateTests
{
    public BilinearUpdateTests() => TorchFixture.Start();

    private const int Rows = 200, N = 13, M = 11, Hidden = 5, Classes = 2;

    [Fact]
    public void Fused_steps_give_the_bits_of_a_step_and_an_adamw_pass()
    {
        using var scope = NewDisposeScope();
        using var left = randn(Rows, N, generator: new Generator(3));
        using var right = randn(Rows, M, generator: new Generator(4));
        long[] labels = Enumerable.Range(0, Rows).Select(r => (long)(r * 7 % Classes)).ToArray();
        int[] batches = [64, 64, 17, 32, 64, 9, 64];
        var steps = Batches(batches);
        var options = new TrainOptions(LearningRate: 0.01, WeightDecay: 0.01);

        using var plain = Weights();
        using var plainLayer = new BilinearLayer(left, right, perUnitFrom: 0);
        using var plainAdam = new FlatAdamW(plain.Values, plain.Gradients, options);
        var plainLosses = steps.Select(rows =>
        {
            double loss = plainLayer.Step(plain, rows, rows.Length, labels)[0];
            plainAdam.Step();
            return loss;
        }).ToArray();

        using var fused = Weights();
        using var fusedLayer = new BilinearLayer(left, right, perUnitFrom: 0);
        using var fusedAdam = new FlatAdamW(fused.Values, fused.Gradients, options);
        var fusedLosses = steps.Select((rows, i) =>
        {
            // Step 3 does not say what follows, so step 4 starts afresh; the last has nothing to follow.
            ReadOnlySpan<long> next = i + 1 < steps.Length && i != 3 ? steps[i + 1] : [];
            return fusedLayer.StepAndUpdate(fused, rows, rows.Length, labels, fusedAdam, next)[0];
        }).ToArray();

        Assert.Equal(plainLosses, fusedLosses);
        Assert.Equal(plainAdam.Steps, fusedAdam.Steps);
        Assert.True(Same(plain.Values, fused.Values), "the fused steps changed the weights' bits");
        using var initial = Weights();
        Assert.False(Same(plain.Values, initial.Values));
    }

    [Fact]
    public void An_evaluation_between_steps_does_not_use_the_prepared_rows()
    {
        using var scope = NewDisposeScope();
        using var left = randn(Rows, N, generator: new Generator(5));
        using var right = randn(Rows, M, generator: new Generator(6));
        long[] labels = Enumerable.Range(0, Rows).Select(r => (long)(r % Classes)).ToArray();
        var steps = Batches([64, 64]);
        using var w = Weights();
        using var layer = new BilinearLayer(left, right, perUnitFrom: 0);
        using var adam = new FlatAdamW(w.Values, w.Gradients, new TrainOptions(LearningRate: 0.01));
        layer.StepAndUpdate(w, steps[0], 64, labels, adam, steps[1]);
        using var rows = tensor(Enumerable.Range(0, 100).Select(i => (long)i).ToArray());
        using var evaluated = layer.Evaluate(w, rows);
        using var again = layer.Evaluate(w, rows);
        Assert.True(Same(evaluated, again));
        using var reference = new BilinearLayer(left, right, perUnitFrom: 0);
        using var expected = reference.Evaluate(w, rows);
        Assert.True(Same(evaluated, expected));
        // The step after the evaluation computes its projection afresh, with the bits of a plain step.
        using var copy = Weights();
        copy.Values.copy_(w.Values);
        double loss = layer.StepAndUpdate(w, steps[1], 64, labels, adam, [])[0];
        double plain = reference.Step(copy, steps[1], 64, labels)[0];
        Assert.Equal(plain, loss);
    }

    [Theory]
    [InlineData(769, 769)]   // the TFN factors of 768-d pairs
    [InlineData(13, 11)]
    public void Units_one_per_core_give_the_bits_of_libtorchs_ops_one_unit_after_another(int n, int m)
    {
        using var scope = NewDisposeScope();
        using var left = randn(Rows, n, generator: new Generator(3));
        using var right = randn(Rows, m, generator: new Generator(4));
        long[] labels = Enumerable.Range(0, Rows).Select(r => (long)(r * 7 % Classes)).ToArray();
        var steps = Batches([64, 64, 17, 64]);
        try
        {
            var (perCoreLosses, perCore) = FusedRun(left, right, labels, steps, n * m);
            UnitLoop.OneAtATime = true;
            var (sequentialLosses, sequential) = FusedRun(left, right, labels, steps, n * m);
            Assert.Equal(sequentialLosses, perCoreLosses);
            Assert.True(Same(sequential, perCore), $"{n} × {m}: the weights' bits differ");
        }
        finally
        {
            UnitLoop.OneAtATime = false;
        }
    }

    private static (double[] Losses, Tensor Weights) FusedRun(Tensor left, Tensor right, long[] labels, long[][] steps, long inputs)
    {
        using var w = new StackedWeights(1, inputs, Hidden, Classes);
        using (no_grad())
        {
            using var init = randn(w.Values.shape, generator: new Generator(9));
            w.Values.copy_(init).mul_(0.05);
        }
        using var layer = new BilinearLayer(left, right, perUnitFrom: 0);
        using var adam = new FlatAdamW(w.Values, w.Gradients, new TrainOptions(LearningRate: 0.01, WeightDecay: 0.01));
        var losses = steps.Select((rows, i) =>
            layer.StepAndUpdate(w, rows, rows.Length, labels, adam, i + 1 < steps.Length ? steps[i + 1] : [])[0]).ToArray();
        using var evaluated = layer.Evaluate(w, tensor(Enumerable.Range(0, 64).Select(i => (long)i).ToArray()));
        return (losses.Append(evaluated.sum().item<float>()).ToArray(), w.Values.clone());
    }

    [Theory]
    [InlineData(13, 11, 64)]
    [InlineData(16, 16, 64)]
    [InlineData(769, 769, 17)]   // the TFN factors of 768-d pairs: each unit's weights start off a 64-byte boundary
    [InlineData(769, 769, 64)]   // and a batch of the protocol's size
    public void Unit_by_unit_projection_gives_the_bits_of_one_GEMM(int n, int m, int rows)
    {
        using var scope = NewDisposeScope();
        using var left = randn(rows, n, generator: new Generator(7));
        using var right = randn(rows, m, generator: new Generator(8));
        using var w = new StackedWeights(1, n * m, Hidden, Classes);
        using (no_grad())
        {
            using var init = randn(w.Values.shape, generator: new Generator(9));
            w.Values.copy_(init).mul_(0.05);
        }
        using var all = tensor(Enumerable.Range(0, rows).Select(i => (long)i).ToArray());
        using var byUnit = new BilinearLayer(left, right, perUnitFrom: 0);
        using var whole = new BilinearLayer(left, right, perUnitFrom: long.MaxValue);
        using var a = byUnit.Evaluate(w, all);
        using var b = whole.Evaluate(w, all);
        Assert.True(Same(a, b), $"{n} × {m}: the per-unit projection changed bits");
    }

    private static bool Same(Tensor a, Tensor b)
    {
        using var equal = a.eq(b);
        using var all = equal.all();
        return a.shape.SequenceEqual(b.shape) && all.item<bool>();
    }

    private static long[][] Batches(int[] sizes)
    {
        var order = new Random(11);
        return sizes.Select(size => Enumerable.Range(0, size).Select(_ => (long)order.Next(Rows)).ToArray()).ToArray();
    }

    private static StackedWeights Weights()
    {
        var w = new StackedWeights(1, N * M, Hidden, Classes);
        using var noGrad = no_grad();
        using var init = randn(w.Values.shape, generator: new Generator(9));
        w.Values.copy_(init).mul_(0.3);
        return w;
    }
}
