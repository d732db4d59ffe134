using SuperFuse.Tests.Support;
using SuperFuse.Training.Stacked;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training.Stacked;

/// <summary>
/// The bilinear layer's training step against libtorch's autograd on the materialised fused vector vec(L ⊗ R), with
/// hidden units that are off in every row, on in every row, and in between, so the per-unit backward meets empty,
/// full and partial packings; the dense backward on the same cases.
/// </summary>
public sealed class BilinearLayerTests
{
    public BilinearLayerTests() => TorchFixture.Start();

    private const int Rows = 40, Hidden = 6, Classes = 3;

    [Theory]
    [InlineData(13, 11, 17, true)]
    [InlineData(24, 9, 32, true)]
    [InlineData(5, 16, 1, true)]
    [InlineData(13, 11, 17, false)]
    [InlineData(24, 9, 32, false)]
    public void Losses_and_gradients_match_autograd(int n, int m, int batch, bool perUnit)
    {
        using var scope = NewDisposeScope();
        using var left = randn(Rows, n, generator: new Generator(3));
        using var right = randn(Rows, m, generator: new Generator(4));
        using var w = Weights(n * m);
        long[] labels = Enumerable.Range(0, Rows).Select(r => (long)(r * 7 % Classes)).ToArray();
        long[] picks = Enumerable.Range(0, batch).Select(i => (long)((i * 13 + 5) % Rows)).ToArray();
        using var layer = new BilinearLayer(left, right, perUnit ? 0 : long.MaxValue);
        w.Gradients.fill_(float.NaN);   // every gradient must be written, a dead unit's W1 rows included
        double loss = layer.Step(w, picks, batch, labels)[0];
        var (expected, grads) = Reference(left, right, w, picks, labels);
        Assert.True(Math.Abs(expected - loss) <= 1e-5 * expected, $"loss {loss} against {expected}");
        var parts = new[] { w.W1(w.Gradients)[0], w.B1(w.Gradients)[0], w.W2(w.Gradients)[0], w.B2(w.Gradients)[0] };
        for (int p = 0; p < 4; p++)
        {
            double err = (parts[p] - grads[p]).abs().max().item<float>();
            double scale = grads[p].abs().max().item<float>();
            Assert.True(err <= 1e-5 * Math.Max(scale, 1e-3), $"part {p}: max error {err} against scale {scale}");
        }
        Assert.Equal(0f, parts[0][1].abs().max().item<float>());
    }

    [Fact]
    public void Evaluation_in_chunks_matches_the_fused_vector()
    {
        // 1,100 rows: two full chunks of 512 and a partial one, drawn out of order.
        using var scope = NewDisposeScope();
        using var left = randn(1200, 7, generator: new Generator(3));
        using var right = randn(1200, 5, generator: new Generator(4));
        using var w = Weights(35);
        using var layer = new BilinearLayer(left, right);
        using var rows = tensor(Enumerable.Range(0, 1100).Select(i => (long)((i * 37 + 11) % 1200)).ToArray());
        using var h = layer.Evaluate(w, rows);
        using var outer = left.index_select(0, rows).unsqueeze(2) * right.index_select(0, rows).unsqueeze(1);
        using var expected = outer.reshape(1100, -1).matmul(w.W1(w.Values)[0].t()) + w.B1(w.Values)[0];
        Assert.Equal([1L, 1100, Hidden], h.shape);
        Assert.True(h[0].allclose(expected, rtol: 1e-5, atol: 1e-5));
        using var none = layer.Evaluate(w, tensor(Array.Empty<long>()));
        Assert.Equal([1L, 0, Hidden], none.shape);
    }

    // Unit 1 never fires (zero weights, negative bias), unit 3 always does (zero weights, positive bias).
    private static StackedWeights Weights(long inputDim)
    {
        var w = new StackedWeights(1, inputDim, Hidden, Classes);
        using var noGrad = no_grad();
        using var init = randn(w.Values.shape, generator: new Generator(9));
        w.Values.copy_(init).mul_(0.3);
        using var w1 = w.W1(w.Values);
        using var b1 = w.B1(w.Values);
        w1[0, 1].zero_();
        b1[0, 1].fill_(-1);
        w1[0, 3].zero_();
        b1[0, 3].fill_(1);
        return w;
    }

    private static (double Loss, Tensor[] Grads) Reference(Tensor left, Tensor right, StackedWeights w, long[] rows, long[] labels)
    {
        using var index = tensor(rows);
        using var l = left.index_select(0, index);
        using var r = right.index_select(0, index);
        using var outer = l.unsqueeze(2) * r.unsqueeze(1);
        using var fused = outer.reshape(rows.Length, -1);
        return HeadAutograd.LossAndGradients(w, 0, fused, rows.Select(row => labels[row]).ToArray());
    }
}
