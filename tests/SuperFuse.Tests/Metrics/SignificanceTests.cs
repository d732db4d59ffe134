using SuperFuse.Metrics;

namespace SuperFuse.Tests.Metrics;

public sealed class SignificanceTests
{
    [Fact]
    public void Welch_matches_a_hand_computed_case()
    {
        // a = 1,2,3,4 (mean 2.5, var 5/3); b = 2,4,6,8 (mean 5, var 20/3). se² = 5/12 + 20/12 = 25/12.
        // t = −2.5 / √(25/12) = −1.7320508; df = (25/12)² / ((5/12)²/3 + (20/12)²/3) = 4.4117647.
        var (t, df, p) = Significance.Welch([1, 2, 3, 4], [2, 4, 6, 8]);
        Assert.Equal(-1.7320508, t, 6);
        Assert.Equal(4.4117647, df, 6);
        // Two-sided p for |t| = 1.7320508 at df = 4.4117647: 0.151581 by numerical integration of the t density.
        Assert.Equal(0.151581, p, 5);
    }

    [Theory]
    [InlineData(2.776, 4, 0.05)]   // t(0.975, 4)
    [InlineData(2.228, 10, 0.05)]  // t(0.975, 10)
    [InlineData(1.0, 1, 0.5)]      // Cauchy: P(|T| ≥ 1) = 1/2
    public void Student_p_values_match_tables(double t, double df, double p) =>
        Assert.Equal(p, Significance.StudentTwoSidedP(t, df), 3);

    [Fact]
    public void The_bootstrap_of_a_constant_difference_is_that_constant()
    {
        var c = Significance.Compare([3, 4, 5], [1, 2, 3]);
        Assert.Equal((2.0, 2.0, 2.0), (c.MeanDifference, c.Low, c.High));
        Assert.Equal(1, c.Sign);
    }

    [Fact]
    public void The_bootstrap_of_two_values_has_the_hand_computed_percentiles()
    {
        // Differences {0, 1}: a resample mean of n = 2 is 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4, so the 2.5 %
        // and 97.5 % percentiles are 0 and 1, and the CI contains 0 (inconclusive).
        var c = Significance.Compare([0, 1], [0, 0], seed: 1);
        Assert.Equal(0.5, c.MeanDifference);
        Assert.Equal((0.0, 1.0), (c.Low, c.High));
        Assert.Equal(0, c.Sign);
    }

    [Fact]
    public void The_bootstrap_is_deterministic_for_a_seed()
    {
        double[] a = [0.71, 0.74, 0.69, 0.80, 0.77], b = [0.70, 0.70, 0.71, 0.72, 0.69];
        Assert.Equal(Significance.Compare(a, b, seed: 4), Significance.Compare(a, b, seed: 4));
    }
}
