using SuperFuse.Metrics;

namespace SuperFuse.Tests.Metrics;

public sealed class PairedTestTests
{
    // d = a − b = 2, 3, 2, 2, 3: mean 2.4, s = √0.3, se = √0.3 / √5 = 0.2449490; t(0.975, 4) = 2.7764451.
    private static readonly double[] A = [3, 5, 4, 6, 7];
    private static readonly double[] B = [1, 2, 2, 4, 4];

    [Fact]
    public void The_t_interval_matches_a_hand_computed_case()
    {
        var t = PairedTest.Of(A, B);
        Assert.Equal(5, t.Count);
        Assert.Equal(2.4, t.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(0.3), t.Std, 12);
        Assert.Equal(2.4 - 0.6800874, t.Low, 6);
        Assert.Equal(2.4 + 0.6800874, t.High, 6);
        Assert.Equal(2.4 / 0.2449490, t.T, 5);
    }

    [Theory]
    [InlineData(4, 2.7764451)]
    [InlineData(10, 2.2281389)]
    [InlineData(19, 2.0930241)]
    public void Quantiles_match_tables(int df, double quantile) => Assert.Equal(quantile, PairedTest.Quantile975(df), 6);

    [Fact]
    public void One_sided_p_is_two_and_a_half_percent_at_the_interval_end()
    {
        var t = PairedTest.Of(A, B);
        // δ at the interval's lower end makes t = t(0.975, 4), so P(T > t) = 0.025; at its upper end P(T < −t) = 0.025.
        Assert.Equal(0.025, t.PAbove(t.Low), 6);
        Assert.Equal(0.025, t.PBelow(t.High), 6);
        Assert.Equal(0.5, t.PAbove(t.MeanDifference), 12);
        // Two-sided p against 0 is twice the one-sided tail.
        Assert.Equal(2 * t.PAbove(0), t.P, 12);
    }

    [Fact]
    public void Equivalence_is_the_larger_one_sided_p()
    {
        var t = PairedTest.Of(A, B);
        Assert.Equal(Math.Max(t.PAbove(-3), t.PBelow(3)), t.Equivalence(3), 12);
        Assert.True(t.Equivalence(1) > 0.5, "a mean of 2.4 is not within ±1");
        Assert.True(t.Equivalence(4) < 0.01, "the whole interval lies within ±4");
    }

    [Fact]
    public void A_constant_difference_is_certain()
    {
        var t = PairedTest.Of([3, 4, 5], [1, 2, 3]);
        Assert.Equal((2.0, 2.0, 2.0, 0.0), (t.MeanDifference, t.Low, t.High, t.P));
        Assert.Equal(0, t.PAbove(1.5));
        Assert.Equal(1, t.PAbove(2.5));
    }

    [Fact]
    public void Holm_matches_a_hand_computed_family()
    {
        // Sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 → kept monotone at 0.06.
        Assert.Equal([0.03, 0.06, 0.06, 0.02], Holm.Adjust([0.01, 0.04, 0.03, 0.005]).Select(p => Math.Round(p, 12)));
        Assert.Equal([1.0, 1.0], Holm.Adjust([0.6, 0.9]));
        Assert.True(double.IsNaN(Holm.Adjust([double.NaN, 0.01])[0]));
        Assert.Equal(0.01, Holm.Adjust([double.NaN, 0.01])[1]);
    }
}
