using System.Globalization;
using SuperFuse.Experiments;
using SuperFuse.Metrics;

namespace SuperFuse.Reporting;

/// <summary>What a comparison claims of fusion a against fusion b.</summary>
public enum Relation
{
    /// <summary>a − b &gt; δ.</summary>
    Above,

    /// <summary>a − b &lt; −δ.</summary>
    Below,

    /// <summary>|a − b| &lt; δ (equivalence).</summary>
    About,
}

/// <summary>One comparison a claim makes: fusion a against b on one metric, at one task and size, with its minimum effect δ.</summary>
/// <param name="Task">Task.</param>
/// <param name="Size">Training size.</param>
/// <param name="A">Fusion a.</param>
/// <param name="B">Fusion b.</param>
/// <param name="Relation">What is claimed of a − b.</param>
/// <param name="Delta">The minimum effect (for About: the equivalence margin), in the metric's unit.</param>
/// <param name="What">The metric's name in the evidence.</param>
/// <param name="Metric">The metric of one cell.</param>
/// <param name="OnRobustness">True for a robustness metric: a model at its majority rate is left out.</param>
public sealed record ClaimCheck(string Task, int Size, string A, string B, Relation Relation, double Delta, string What,
    Func<CellRecord, double> Metric, bool OnRobustness)
{
    /// <summary>The paired test over the seeds both fusions have, or null with fewer than two.</summary>
    public PairedTest? Test(IReadOnlyList<CellRecord> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var left = cells.Where(c => c.Task == Task && c.Size == Size && c.Fusion == A).ToDictionary(c => c.Seed);
        var right = cells.Where(c => c.Task == Task && c.Size == Size && c.Fusion == B).ToDictionary(c => c.Seed);
        var seeds = left.Keys.Intersect(right.Keys).Order().ToArray();
        if (seeds.Length < 2) return null;
        return PairedTest.Of(seeds.Select(s => Metric(left[s])).ToArray(), seeds.Select(s => Metric(right[s])).ToArray());
    }

    /// <summary>
    /// The p-value that supports the claim: the one-sided paired t-test that the difference exceeds δ (Above) or lies
    /// below −δ (Below), the two one-sided tests at ±δ for equivalence. Testing against δ rather than 0 keeps a true
    /// difference of exactly δ from passing as "far above" half the time.
    /// </summary>
    public double SupportP(PairedTest t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Relation switch
        {
            Relation.Above => t.PAbove(Delta),
            Relation.Below => t.PBelow(-Delta),
            _ => t.Equivalence(Delta),
        };
    }

    /// <summary>
    /// The one-sided p-value that contradicts the claim: the difference is below δ (Above), above −δ (Below), or outside
    /// ±δ on the side of its mean (About).
    /// </summary>
    public double RefuteP(PairedTest t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Relation switch
        {
            Relation.Above => t.PBelow(Delta),
            Relation.Below => t.PAbove(-Delta),
            _ => t.MeanDifference >= 0 ? t.PAbove(Delta) : t.PBelow(-Delta),
        };
    }

    /// <summary>The verdict from Holm-adjusted support and refutation p-values at the 5 % level.</summary>
    public Verdict Decide(PairedTest t, double support, double refute)
    {
        ArgumentNullException.ThrowIfNull(t);
        bool effect = Relation switch
        {
            Relation.Above => t.MeanDifference > Delta,
            Relation.Below => t.MeanDifference < -Delta,
            _ => true,
        };
        if (support < 0.05 && effect) return Verdict.Holds;
        return refute < 0.05 ? Verdict.DoesNotHold : Verdict.Inconclusive;
    }

    /// <summary>One line of evidence.</summary>
    public string Describe(PairedTest t, double support, double refute, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(t);
        string claim = Relation switch
        {
            Relation.Above => FormattableString.Invariant($"claimed > {Delta:0.###}"),
            Relation.Below => Delta == 0 ? "claimed < 0" : FormattableString.Invariant($"claimed < −{Delta:0.###}"),
            _ => FormattableString.Invariant($"claimed within ±{Delta:0.###}"),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{Task}, n = {Size}, {What}: {A} − {B} = {t.MeanDifference:+0.000;−0.000} [95 % CI {t.Low:+0.000;−0.000}, {t.High:+0.000;−0.000}] ({claim}), {t.Count} seeds, Holm p support {support:0.000} / against {refute:0.000} → {ClaimVerdicts.Name(verdict)}");
    }
}
