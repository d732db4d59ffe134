using SuperFuse.Robustness;

namespace SuperFuse.Tests.Robustness;

public sealed class RobustnessSummaryTests
{
    [Fact]
    public void Summaries_match_a_hand_computed_curve()
    {
        // α = 0, 0.1, 0.2, 0.3; accuracy 0.9, 0.8, 0.6, 0.5; majority rate 0.5.
        var s = RobustnessSummary.Of([0, 0.1, 0.2, 0.3], [0.9, 0.8, 0.6, 0.5], majority: 0.5);
        // Trapezoids: 0.1·(0.85 + 0.7 + 0.55) = 0.21, divided by the span 0.3.
        Assert.Equal(0.7, s.Area, 12);
        Assert.Equal(0.1, s.DropAt01, 12);
        Assert.Equal(0.8 / 0.9, s.RetentionAt01, 12);
        // Halfway from 0.9 to 0.5 is 0.7, crossed between α = 0.1 (0.8) and 0.2 (0.6): 0.1 + 0.1·(0.1/0.2) = 0.15.
        Assert.Equal(0.15, s.Alpha50, 12);
    }

    [Fact]
    public void Alpha50_is_nan_when_accuracy_never_falls_halfway()
    {
        Assert.True(double.IsNaN(RobustnessSummary.Of([0, 0.5], [0.9, 0.85], 0.5).Alpha50));
    }

    [Fact]
    public void Alpha50_falls_towards_the_majority_rate_not_towards_one_over_c()
    {
        // Majority 0.7 (an unbalanced two-class test split): halfway from 0.9 is 0.8, reached at α = 0.1 exactly.
        Assert.Equal(0.1, RobustnessSummary.Of([0, 0.1, 0.2], [0.9, 0.8, 0.7], majority: 0.7).Alpha50, 12);
        // A model at its majority rate has no α₅₀: there is nothing to fall from.
        Assert.True(double.IsNaN(RobustnessSummary.Of([0, 0.1], [0.7, 0.7], majority: 0.7).Alpha50));
    }

    [Fact]
    public void Effective_robustness_is_the_multibench_sum()
    {
        // Model drops (0, −0.1, −0.3); concat drops (0, −0.05, −0.1): Σ = 0 + (−0.05) + (−0.2) = −0.25.
        Assert.Equal(-0.25, RobustnessSummary.EffectiveRobustness([0.9, 0.8, 0.6], [0.7, 0.65, 0.6]), 12);
    }

    [Fact]
    public void Corrupt_adds_or_mixes_noise()
    {
        using var x = TorchSharp.torch.tensor(new float[] { 1, 2 });
        using var n = TorchSharp.torch.tensor(new float[] { 10, 20 });
        using var add = NoiseSweep.Corrupt(x, n, NoiseMode.Additive, 0.5);
        using var mix = NoiseSweep.Corrupt(x, n, NoiseMode.Mix, 0.5);
        Assert.Equal([6f, 12f], add.data<float>().ToArray());
        Assert.Equal([5.5f, 11f], mix.data<float>().ToArray());
    }

    [Fact]
    public void Alphas_outside_0_to_1_are_rejected()
    {
        Assert.Throws<UserInputException>(() => new NoiseOptions([0, 1.0]).Validate());
        Assert.Throws<UserInputException>(() => new NoiseOptions([0, -0.1]).Validate());
        new NoiseOptions().Validate();
        Assert.Equal(20, NoiseOptions.DefaultAlphas.Count);
        Assert.Equal(0.95, NoiseOptions.DefaultAlphas[^1]);
    }
}
