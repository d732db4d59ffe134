using SuperFuse.Training.Stacked;
using SuperFuse.Training.Stacked.Kernels;

namespace SuperFuse.Tests.Training.Stacked.Kernels;

/// <summary>
/// The W1-gradient kernel against the scalar definition of its result, bit for bit: each element is a chain of fused
/// multiply-adds over the rows in order, starting from zero (first block of a unit) or from the gradient already
/// there, whichever unit group, leftover path or column tail computes it.
/// </summary>
public sealed unsafe class OuterKernelsTests
{
    [Theory]
    [InlineData(100, 9, 12, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 })]   // two fours and a leftover; 64-wide tiles and tails
    [InlineData(1100, 10, 7, new[] { 9, 0, 4, 7, 2, 5 })]           // units in any order; chunks of 512 columns
    [InlineData(37, 5, 12, new[] { 3 })]                            // a lone unit narrower than one 64-column tile
    public void Two_blocks_give_the_scalar_chain_of_every_element(int d, int hidden, int n, int[] units)
    {
        var random = new Random(3);
        var x = Floats(random, 2 * n * d);
        var dh = Floats(random, 2 * n * hidden);
        var g = Floats(random, hidden * d);   // garbage where a unit is not written yet
        var expected = (float[])g.Clone();
        var written = new bool[hidden];
        written[units[0]] = true;             // one unit of the first group already holds a gradient
        Reference(x, dh, expected, d, hidden, n, units, (bool[])written.Clone());

        fixed (float* xp = x, dhp = dh, gp = g)
        fixed (int* up = units)
        fixed (bool* wp = written)
        {
            float** rows = stackalloc float*[n];
            var scratch = new float[OuterKernels.ScratchFloats(hidden, n)];
            fixed (float* sp = scratch)
            {
                for (int block = 0; block < 2; block++)
                {
                    for (int i = 0; i < n; i++) rows[i] = xp + ((long)((block * n) + i) * d);
                    OuterKernels.AddOuter(rows, n, d, dhp + (block * n * hidden), hidden, up, units.Length, gp, wp, sp);
                }
            }
        }

        Assert.Equal(expected, g);
        Assert.All(units, u => Assert.True(written[u]));
    }

    private static void Reference(float[] x, float[] dh, float[] g, int d, int hidden, int n, int[] units, bool[] written)
    {
        foreach (int u in units)
        {
            for (int c = 0; c < d; c++)
            {
                float a = written[u] ? g[(u * d) + c] : 0f;
                for (int r = 0; r < 2 * n; r++) a = MathF.FusedMultiplyAdd(x[(r * d) + c], dh[(r * hidden) + u], a);
                g[(u * d) + c] = a;
            }
        }
    }

    private static float[] Floats(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
}
