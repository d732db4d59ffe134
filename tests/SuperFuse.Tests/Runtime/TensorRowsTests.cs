using SuperFuse.Runtime;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Runtime;

public sealed class TensorRowsTests
{
    public TensorRowsTests() => TorchFixture.Start();

    private static readonly float[] Matrix = Enumerable.Range(0, 5 * 3).Select(i => i + 0.5f).ToArray();   // 5 rows of 3

    [Fact]
    public void Range_copies_the_rows_in_place_order()
    {
        using var rows = TensorRows.Range(Matrix, 3, 1, 3);
        Assert.Equal([3L, 3L], rows.shape);
        Assert.Equal(Matrix[3..12], rows.data<float>().ToArray());
    }

    [Fact]
    public void Gather_copies_the_chosen_rows_in_the_order_asked()
    {
        using var rows = TensorRows.Gather(Matrix, 3, [4, 0, 4]);
        Assert.Equal([3L, 3L], rows.shape);
        Assert.Equal([.. Matrix[12..15], .. Matrix[0..3], .. Matrix[12..15]], rows.data<float>().ToArray());
    }

    [Fact]
    public void Rows_outside_the_matrix_are_refused() =>
        Assert.ThrowsAny<ArgumentException>(() => TensorRows.Gather(Matrix, 3, [5]).Dispose());
}
