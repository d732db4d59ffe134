using System.Globalization;
using SuperFuse.Experiments;
using SuperFuse.Metrics;
using SuperFuse.Robustness;

namespace SuperFuse.Reporting;

/// <summary>Holds, does not hold, or inconclusive.</summary>
public enum Verdict
{
    /// <summary>Every deciding CI has the claimed sign.</summary>
    Holds,

    /// <summary>Some deciding CI has the opposite sign.</summary>
    DoesNotHold,

    /// <summary>Some deciding CI contains 0 (or data is missing) and none contradicts the claim.</summary>
    Inconclusive,
}

/// <summary>A claim of the paper, its verdict, and the comparisons (paired bootstrap 95 % CIs over seeds) that decided it.</summary>
public sealed record ClaimVerdict(string Id, string Claim, Verdict Verdict, IReadOnlyList<string> Evidence);

/// <summary>
/// Judges the paper's four claims from saved cells. Each claim is a set of directional comparisons between fusions;
/// a comparison supports the claim when its bootstrap CI lies on the claimed side of 0. "≈" means the CI of the
/// difference lies within ±<see cref="Equivalence"/>. Small sizes are the three smallest of the task; robustness is
/// judged at the largest size every fusion has, on the real task. A claim with no comparable data is inconclusive.
/// </summary>
public static class ClaimVerdicts
{
    /// <summary>Largest difference in accuracy (fraction) counted as "about equal".</summary>
    public const double Equivalence = 0.02;

    private static readonly string[] Paper = ["concat", "product", "tensor"];

    private delegate Verdict Test(Comparison c);

    /// <summary>The four verdicts (claims whose fusions or tasks are missing come out inconclusive).</summary>
    public static IReadOnlyList<ClaimVerdict> Judge(IReadOnlyList<CellRecord> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return [ClaimA(cells), ClaimB(cells), ClaimC(cells), ClaimD(cells)];
    }

    private static Verdict Above(Comparison c) => c.Sign switch { 1 => Verdict.Holds, -1 => Verdict.DoesNotHold, _ => Verdict.Inconclusive };

    private static Verdict Below(Comparison c) => c.Sign switch { -1 => Verdict.Holds, 1 => Verdict.DoesNotHold, _ => Verdict.Inconclusive };

    private static Verdict About(Comparison c) =>
        c.Low >= -Equivalence && c.High <= Equivalence ? Verdict.Holds
        : c.Low > Equivalence || c.High < -Equivalence ? Verdict.DoesNotHold : Verdict.Inconclusive;

    private static ClaimVerdict ClaimA(IReadOnlyList<CellRecord> cells)
    {
        var sizes = Sizes(cells, "synthetic").Take(3);
        var checks = sizes.SelectMany(n => new[]
        {
            Check(cells, "synthetic", n, "product", "concat", c => c.TestAccuracy, Above, "accuracy"),
            Check(cells, "synthetic", n, "product", "tensor", c => c.TestAccuracy, Above, "accuracy"),
            Check(cells, "synthetic", n, "concat", "tensor", c => c.TestAccuracy, About, "accuracy"),
        });
        return Combine("a", "On the synthetic task at small sizes, product is far above concat and tensor, and concat ≈ tensor.", cells, "synthetic", checks);
    }

    private static ClaimVerdict ClaimB(IReadOnlyList<CellRecord> cells)
    {
        var sizes = Sizes(cells, "real");
        var checks = sizes.SelectMany(n => new[]
        {
            Check(cells, "real", n, "concat", "product", c => c.TestAccuracy, About, "accuracy"),
            Check(cells, "real", n, "tensor", "concat", c => c.TestAccuracy, Below, "accuracy"),
        });
        return Combine("b", "On real labels concat ≈ product, and tensor is below them.", cells, "real", checks);
    }

    private static ClaimVerdict ClaimC(IReadOnlyList<CellRecord> cells)
    {
        int n = CommonLargestSize(cells, "real");
        Func<CellRecord, double> drop = c => Summary(c, NoiseCondition.Text).DropAt01;
        var checks = new[]
        {
            Check(cells, "real", n, "product", "concat", drop, Above, "text-noise drop at α = 0.1"),
            Check(cells, "real", n, "product", "tensor", drop, Above, "text-noise drop at α = 0.1"),
        };
        return Combine("c", "Product loses the most accuracy under text noise (drop at α = 0.1, real task).", cells, "real", checks);
    }

    private static ClaimVerdict ClaimD(IReadOnlyList<CellRecord> cells)
    {
        int n = CommonLargestSize(cells, "real");
        var checks = new List<(Verdict, string)?>();
        foreach (var condition in Enum.GetValues<NoiseCondition>())
        {
            Func<CellRecord, double> area = c => RelativeArea(c, condition);
            string what = $"relative robustness (area ÷ clean accuracy), {ResultTables.Name(condition)} noise";
            checks.Add(Check(cells, "real", n, "tensor", "concat", area, Above, what));
            checks.Add(Check(cells, "real", n, "tensor", "product", area, Above, what));
        }
        Func<CellRecord, double> both = c => RelativeArea(c, NoiseCondition.Both);
        checks.Add(Check(cells, "real", n, "concat", "product", both, Above, "relative robustness (area ÷ clean accuracy), both noise"));
        return Combine("d", "Tensor is the most robust fusion, and concat holds up best of the other two when both modalities are noisy.", cells, "real", checks);
    }

    private static (Verdict, string)? Check(IReadOnlyList<CellRecord> cells, string task, int size, string a, string b,
        Func<CellRecord, double> metric, Test test, string what)
    {
        var c = PairwiseTable.Compare(cells, task, size, a, b, metric);
        if (c is null) return null;
        return (test(c), string.Create(CultureInfo.InvariantCulture,
            $"{task}, n = {size}, {what}: {a} − {b} = {c.MeanDifference:+0.000;−0.000} [95 % CI {c.Low:+0.000;−0.000}, {c.High:+0.000;−0.000}], Welch p = {c.WelchP:0.000}, {c.Count} seeds → {Name(test(c))}"));
    }

    /// <summary>Comparisons without data (a fusion capped below a size, a missing task) are left out.</summary>
    private static ClaimVerdict Combine(string id, string claim, IReadOnlyList<CellRecord> cells, string task,
        IEnumerable<(Verdict Verdict, string Evidence)?> checks)
    {
        var list = checks.OfType<(Verdict Verdict, string Evidence)>().ToList();
        var absent = Paper.Where(f => !cells.Any(c => c.Task == task && c.Fusion == f)).ToList();
        if (absent.Count > 0)
        {
            return new ClaimVerdict(id, claim, Verdict.Inconclusive, [$"no {task}-task results for {string.Join(", ", absent)}", .. list.Select(c => c.Evidence)]);
        }
        var verdict = list.Count == 0 ? Verdict.Inconclusive
            : list.Any(c => c.Verdict == Verdict.DoesNotHold) ? Verdict.DoesNotHold
            : list.All(c => c.Verdict == Verdict.Holds) ? Verdict.Holds : Verdict.Inconclusive;
        return new ClaimVerdict(id, claim, verdict, list.Select(c => c.Evidence).ToList());
    }

    /// <summary>Lower-case verdict words.</summary>
    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.DoesNotHold => "does not hold",
        _ => "inconclusive",
    };

    private static IEnumerable<int> Sizes(IReadOnlyList<CellRecord> cells, string task) =>
        cells.Where(c => c.Task == task).Select(c => c.Size).Distinct().Order();

    private static int CommonLargestSize(IReadOnlyList<CellRecord> cells, string task)
    {
        var fusions = cells.Where(c => c.Task == task).Select(c => c.Fusion).Distinct().ToList();
        var common = Sizes(cells, task).Where(n => fusions.All(f => cells.Any(c => c.Task == task && c.Size == n && c.Fusion == f)));
        return common.DefaultIfEmpty(0).Max();
    }

    private static double RelativeArea(CellRecord cell, NoiseCondition condition) => FusionPoints.RelativeArea(cell, condition);

    private static RobustnessSummary Summary(CellRecord cell, NoiseCondition condition)
    {
        var (alphas, accuracy) = ResultTables.Curve(cell, condition);
        return RobustnessSummary.Of(alphas, accuracy, cell.Classes);
    }
}
