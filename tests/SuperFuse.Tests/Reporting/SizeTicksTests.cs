using SuperFuse.Reporting.Figures;

namespace SuperFuse.Tests.Reporting;

public class SizeTicksTests
{
    // The paper's grid at full size: 32 doubling to 262,144, then the full pool.
    private static readonly int[] PaperSizes = [.. Enumerable.Range(5, 14).Select(k => 1 << k), 327_701];

    [Theory]
    [InlineData(32, "32")]
    [InlineData(9_999, "9999")]
    [InlineData(10_000, "10k")]
    [InlineData(16_384, "16k")]
    [InlineData(32_768, "33k")]
    [InlineData(327_701, "328k")]
    public void Labels_are_exact_below_ten_thousand_then_rounded_thousands(int size, string label) =>
        Assert.Equal(label, SizeTicks.Label(size));

    [Fact]
    public void Paper_grid_labels_every_size_but_the_one_crowded_by_the_full_pool()
    {
        var ticks = SizeTicks.Choose(PaperSizes, FigureStyle.PlotAreaWidth);

        Assert.Equal(PaperSizes.Select(s => Math.Log2(s)), ticks.Select(t => t.Position));
        Assert.Equal("328k", ticks[^1].Label);
        Assert.Equal([262_144], PaperSizes.Where((_, i) => ticks[i].Label.Length == 0));
    }

    [Theory]
    [InlineData(FigureStyle.PlotAreaWidth)]
    [InlineData(200)]
    [InlineData(80)]
    public void Kept_labels_never_overlap_and_the_largest_size_keeps_its_label(double axisPixels)
    {
        var ticks = SizeTicks.Choose(PaperSizes, axisPixels);
        double pixelsPerUnit = axisPixels / (ticks[^1].Position - ticks[0].Position);
        var labelled = ticks.Where(t => t.Label.Length > 0).ToList();

        Assert.Equal("328k", labelled[^1].Label);
        foreach (var (left, right) in labelled.Zip(labelled.Skip(1)))
        {
            double room = (right.Position - left.Position) * pixelsPerUnit;
            Assert.True(room >= ((left.Label.Length + right.Label.Length) * SizeTicks.CharPixels / 2) + SizeTicks.GapPixels,
                $"{left.Label} and {right.Label} are {room:F1} px apart");
        }
        if (axisPixels < FigureStyle.PlotAreaWidth) Assert.True(labelled.Count < ticks.Count - 1);
    }

    [Fact]
    public void Small_grids_in_any_order_are_labelled_in_full_and_ascending()
    {
        var ticks = SizeTicks.Choose([512, 32, 128, 64, 256], FigureStyle.PlotAreaWidth);

        Assert.Equal(["32", "64", "128", "256", "512"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void One_size_gets_one_labelled_tick()
    {
        Assert.Equal([new SizeTick(Math.Log2(1000), "1000")], SizeTicks.Choose([1000], FigureStyle.PlotAreaWidth));
    }
}
