using SuperFuse.Training.Stacked;
using SuperFuse.Training.Stacked.Kernels;

namespace SuperFuse.Tests.Training.Stacked.Kernels;

/// <summary>
/// The forward products against the scalar definition of their result, bit for bit: per chunk of 512 columns, eight
/// lanes each run a chain of fused multiply-adds over every eighth column, the lanes are summed in the tree
/// ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)), the columns past the last full vector continue that sum one
/// fused multiply-add each, and the chunk's sum is added to h. Both widths, every tile and unit grouping.
/// </summary>
public sealed unsafe class RowKernelsTests : IDisposable
{
    public void Dispose() => WideVectors.Enabled = WideVectors.Supported;

    [Theory]
    [InlineData(1536, 32, 2, false)]   // full chunks, units in fours (wide) or pairs
    [InlineData(1100, 9, 2, false)]    // a 76-column last chunk: a tail after nine vectors; an odd unit
    [InlineData(37, 6, 1, false)]      // one short chunk with a tail; a unit pair after a four
    [InlineData(64, 6, 2, false)]      // a unit pair after a four, no tail
    [InlineData(1536, 32, 2, true)]
    [InlineData(1100, 9, 2, true)]
    [InlineData(37, 6, 1, true)]
    [InlineData(64, 6, 2, true)]
    public void Products_have_the_bits_of_the_scalar_definition(int d, int hidden, int tiles, bool wide)
    {
        WideVectors.Enabled = wide;
        int rows = tiles * RowKernels.Tile;
        var random = new Random(4);
        var x = Floats(random, rows * d);
        var w = Floats(random, hidden * d);
        var h = Floats(random, rows * hidden);
        var expected = (float[])h.Clone();
        Reference(x, w, expected, d, hidden, rows);
        fixed (float* xp = x, wp = w, hp = h)
        {
            float** pointers = stackalloc float*[rows];
            for (int i = 0; i < rows; i++) pointers[i] = xp + ((long)i * d);
            float* packed = WideVectors.Enabled ? WideRowKernels.Pack(wp, hidden, d) : null;
            RowKernels.AddDots(pointers, d, wp, packed, 0, hidden, hp, hidden, tiles);
        }
        Assert.Equal(expected, h);
    }

    private static void Reference(float[] x, float[] w, float[] h, int d, int hidden, int rows)
    {
        var lanes = new float[8];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < hidden; j++)
            {
                for (int from = 0; from < d; from += RowKernels.Chunk)
                {
                    int len = Math.Min(RowKernels.Chunk, d - from), k = 0;
                    Array.Clear(lanes);
                    for (; k + 8 <= len; k += 8)
                    {
                        for (int q = 0; q < 8; q++) lanes[q] = MathF.FusedMultiplyAdd(x[(i * d) + from + k + q], w[(j * d) + from + k + q], lanes[q]);
                    }
                    float s = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
                    for (; k < len; k++) s = MathF.FusedMultiplyAdd(x[(i * d) + from + k], w[(j * d) + from + k], s);
                    h[(i * hidden) + j] += s;
                }
            }
        }
    }

    private static float[] Floats(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
}
