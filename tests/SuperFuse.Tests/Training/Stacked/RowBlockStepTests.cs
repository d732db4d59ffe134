using SuperFuse.Tests.Support;
using SuperFuse.Training.Stacked;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training.Stacked;

/// <summary>
/// The hand-written training step on fused rows against libtorch's autograd, at sizes that leave partial tiles,
/// partial row blocks and column tails everywhere; and its two work splits against each other, bit for bit.
/// </summary>
public sealed class RowBlockStepTests
{
    public RowBlockStepTests() => TorchFixture.Start();

    private sealed record Case(int Rows, int D, int Hidden, int Classes, int Seeds, int Batch);

    private static Tensor Data(Case c) => randn(c.Rows, c.D, generator: new Generator(5));

    private static long[] Labels(Case c) => StackedCase.Labels(c.Rows, c.Classes);

    private static long[] Picks(Case c) => Enumerable.Range(0, c.Seeds * c.Batch).Select(i => (long)((i * 31 + 3) % c.Rows)).ToArray();

    private static StackedWeights Weights(Case c) => StackedCase.Weights(c.Seeds, c.D, c.Hidden, c.Classes);

    /// <remarks>
    /// With <paramref name="dead"/>, units 1 and 4 never fire and unit 2 rarely (<see cref="Kill"/>), after a first step
    /// with every unit live, so a unit left out of the second step must not keep the first step's gradient.
    /// </remarks>
    [Theory]
    [InlineData(50, 37, 7, 3, 3, 13, false)]
    [InlineData(50, 37, 7, 3, 1, 13, false)]
    [InlineData(40, 1100, 10, 2, 2, 25, false)]
    [InlineData(40, 1100, 10, 2, 1, 25, false)]
    [InlineData(50, 37, 7, 3, 3, 13, true)]
    [InlineData(40, 1100, 10, 2, 1, 25, true)]
    [InlineData(60, 1100, 9, 2, 2, 31, true)]
    public void Losses_and_gradients_match_autograd(int rows, int d, int hidden, int classes, int seeds, int batch, bool dead)
    {
        using var scope = NewDisposeScope();
        var c = new Case(rows, d, hidden, classes, seeds, batch);
        using var x = Data(c);
        using var w = Weights(c);
        long[] labels = Labels(c), picks = Picks(c);
        using var layer = new FusedRowsLayer(x);
        if (dead)
        {
            layer.Step(w, picks, batch, labels);
            Kill(w);
        }
        AssertMatchesAutograd(c, x, w, picks, labels, layer.Step(w, picks, batch, labels));
        if (!dead) return;
        using var g1 = w.W1(w.Gradients);
        Assert.Equal(0f, g1[.., 1].abs().max().item<float>());
        Assert.Equal(0f, g1[.., 4].abs().max().item<float>());
    }

    private static void AssertMatchesAutograd(Case c, Tensor x, StackedWeights w, long[] picks, long[] labels, double[] losses)
    {
        for (int s = 0; s < c.Seeds; s++)
        {
            var (loss, grads) = Reference(c, x, w, s, picks.Skip(s * c.Batch).Take(c.Batch).ToArray(), labels);
            Assert.True(Math.Abs(loss - losses[s]) <= 1e-5 * loss, $"loss of seed {s}: {losses[s]} against {loss}");
            var parts = new[] { w.W1(w.Gradients)[s], w.B1(w.Gradients)[s], w.W2(w.Gradients)[s], w.B2(w.Gradients)[s] };
            for (int p = 0; p < 4; p++)
            {
                double err = (parts[p] - grads[p]).abs().max().item<float>();
                double scale = grads[p].abs().max().item<float>();
                Assert.True(err <= 1e-5 * Math.Max(scale, 1e-3), $"part {p} of seed {s}: max error {err} against scale {scale}");
            }
        }
    }

    // Units 1 and 4 never fire (zero weights, negative bias); unit 2 fires on about 5 % of rows, so some blocks have it
    // off in every row and others do not.
    private static void Kill(StackedWeights w)
    {
        using var noGrad = no_grad();
        using var w1 = w.W1(w.Values);
        using var b1 = w.B1(w.Values);
        foreach (int j in new[] { 1, 4 })
        {
            w1[.., j].zero_();
            b1[.., j].fill_(-1);
        }
        w1[.., 2].zero_();
        w1[.., 2, 0].fill_(1);
        b1[.., 2].fill_(-1.645);
    }

    private static (double Loss, Tensor[] Grads) Reference(Case c, Tensor x, StackedWeights w, int s, long[] rows, long[] labels)
    {
        using var index = tensor(rows);
        using var xb = x.index_select(0, index);
        return HeadAutograd.LossAndGradients(w, s, xb, rows.Select(r => labels[r]).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Seeds_in_parallel_and_hidden_units_across_threads_give_the_same_bits(bool dead)
    {
        // With two threads, one seed splits its hidden units across them and two seeds run side by side.
        using var scope = NewDisposeScope();
        var c = new Case(60, 1100, 9, 2, 2, 31);
        using var x = Data(c);
        using var pair = Weights(c);
        long[] labels = Labels(c), picks = Picks(c);
        using var layer = new FusedRowsLayer(x);
        if (dead) Kill(pair);
        double[] both = layer.Step(pair, picks, c.Batch, labels);
        for (int s = 0; s < 2; s++)
        {
            using var one = new StackedWeights(1, c.D, c.Hidden, c.Classes);
            CopyInto(pair, s, one);
            double[] alone = layer.Step(one, picks.Skip(s * c.Batch).Take(c.Batch).ToArray(), c.Batch, labels);
            Assert.Equal(both[s], alone[0]);
            Assert.Equal(Seed(pair, s), one.Gradients.data<float>().ToArray());
        }
    }

    private static void CopyInto(StackedWeights from, int seed, StackedWeights to)
    {
        using var noGrad = no_grad();
        var source = new[] { from.W1(from.Values)[seed], from.B1(from.Values)[seed], from.W2(from.Values)[seed], from.B2(from.Values)[seed] };
        var target = new[] { to.W1(to.Values)[0], to.B1(to.Values)[0], to.W2(to.Values)[0], to.B2(to.Values)[0] };
        for (int p = 0; p < 4; p++) target[p].copy_(source[p]);
    }

    private static float[] Seed(StackedWeights w, int s) =>
        new[] { w.W1(w.Gradients)[s], w.B1(w.Gradients)[s], w.W2(w.Gradients)[s], w.B2(w.Gradients)[s] }
            .SelectMany(t => t.contiguous().data<float>().ToArray()).ToArray();
}
