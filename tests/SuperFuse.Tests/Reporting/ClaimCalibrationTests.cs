using SuperFuse.Data;
using SuperFuse.Metrics;
using SuperFuse.Reporting;

namespace SuperFuse.Tests.Reporting;

/// <summary>
/// Simulated studies with a known truth, decided by the same rule as the report (Holm inside a family of comparisons,
/// minimum effect δ): the false-"holds" rate stays at or below 5 % where fusions are truly equal, and the power is high
/// where they truly differ.
/// </summary>
public sealed class ClaimCalibrationTests
{
    private const int Studies = 2000;

    /// <summary>The share of comparisons judged "holds" over simulated families of two comparisons each.</summary>
    private static double HoldsRate(Relation relation, double delta, double trueDifference, int seeds, int studySeed)
    {
        var gaussian = new SeededGaussian(studySeed);
        var check = new ClaimCheck("real", 64, "a", "b", relation, delta, "accuracy", _ => 0, false);
        int holds = 0;
        for (int s = 0; s < Studies; s++)
        {
            // Seed-to-seed noise of 2 accuracy points around each fusion's true mean.
            var tests = Enumerable.Range(0, 2).Select(_ =>
            {
                var a = Enumerable.Range(0, seeds).Select(_ => 0.7 + trueDifference + 0.02 * gaussian.Next()).ToArray();
                var b = Enumerable.Range(0, seeds).Select(_ => 0.7 + 0.02 * gaussian.Next()).ToArray();
                return PairedTest.Of(a, b);
            }).ToList();
            var support = Holm.Adjust(tests.Select(check.SupportP).ToArray());
            var refute = Holm.Adjust(tests.Select(check.RefuteP).ToArray());
            holds += tests.Select((t, k) => check.Decide(t, support[k], refute[k])).Count(v => v == Verdict.Holds);
        }
        return holds / (2.0 * Studies);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    public void Equal_fusions_rarely_hold_as_different(int seeds)
    {
        double rate = HoldsRate(Relation.Above, 0, 0, seeds, studySeed: 11);
        Assert.True(rate <= 0.05, $"false 'holds' rate {rate:P1} over {Studies} simulated families");
    }

    [Fact]
    public void A_difference_of_exactly_delta_rarely_holds_as_far_above() =>
        Assert.True(HoldsRate(Relation.Above, 0.02, 0.02, 20, studySeed: 12) <= 0.06);

    [Fact]
    public void Equivalence_at_the_margin_rarely_holds() =>
        Assert.True(HoldsRate(Relation.About, 0.02, 0.02, 20, studySeed: 13) <= 0.05);

    [Theory]
    [InlineData(Relation.Above, 0.0, 0.03, 0.95)]
    [InlineData(Relation.Above, 0.02, 0.06, 0.95)]
    [InlineData(Relation.About, 0.02, 0.0, 0.70)]
    public void True_effects_are_found_with_twenty_seeds(Relation relation, double delta, double truth, double power)
    {
        double rate = HoldsRate(relation, delta, truth, 20, studySeed: 14);
        Assert.True(rate >= power, $"power {rate:P1}, expected at least {power:P0}");
    }
}
