using SuperFuse.Experiments;
using SuperFuse.Metrics;
using SuperFuse.Robustness;

namespace SuperFuse.Reporting;

/// <summary>The verdict of a claim on one task.</summary>
public enum Verdict
{
    /// <summary>Every comparison holds: Holm-adjusted one-sided p &lt; 0.05 for an effect beyond the claim's δ (or equivalence shown).</summary>
    Holds,

    /// <summary>Some comparison is significantly on the wrong side of δ.</summary>
    DoesNotHold,

    /// <summary>Neither: the evidence decides no comparison against the claim, nor all of them for it.</summary>
    Inconclusive,

    /// <summary>Fewer than <see cref="ClaimVerdicts.MinSeeds"/> seeds in a cell the claim compares: not judged.</summary>
    TooFewSeeds,
}

/// <summary>A claim of the paper on one task: its verdict, how many comparisons and seeds decided it, and the evidence.</summary>
public sealed record ClaimVerdict(string Id, string Claim, string Task, Verdict Verdict, int Comparisons, int Seeds,
    int Held, int Contradicted, int Excluded, IReadOnlyList<string> Evidence);

/// <summary>
/// Judges the paper's four claims from saved cells (protocol §5). Each claim is a family of paired comparisons between fusions
/// over the same seeds; each comparison has a minimum effect δ (2 accuracy points for "far above" and "loses the most",
/// 2 points of relative robustness for "most robust", 0 for a plain "below", ±2 points for "≈"). Within a claim and task
/// the p-values get Holm's correction; a comparison holds when its adjusted one-sided p for a difference beyond δ is
/// below 0.05, and
/// does not hold when the adjusted one-sided test puts it on the wrong side of δ. A claim is judged only when every
/// compared cell has at least <see cref="MinSeeds"/> seeds. Models at their majority rate (<see cref="BaselineStatus"/>)
/// are left out of robustness comparisons, and accuracy comparisons where both are at it are left out.
/// </summary>
public static class ClaimVerdicts
{
    /// <summary>Fewest seeds per cell for a verdict.</summary>
    public const int MinSeeds = 5;

    /// <summary>The minimum effect of "far above", "loses the most" and "most robust", and the "≈" margin.</summary>
    public const double Delta = 0.02;

    private static readonly string[] Paper = ["concat", "product", "tensor"];

    private const string ClaimAText = "On the synthetic task at small sizes, product is far above concat and tensor, and concat ≈ tensor.";
    private const string ClaimBText = "On real labels concat ≈ product, and tensor is below them.";
    private const string ClaimCText = "Product loses the most accuracy under text noise (drop at α = 0.1).";
    private const string ClaimDText = "Tensor is the most robust fusion, and concat holds up best of the other two when both modalities are noisy.";

    /// <summary>Claim (a) on the synthetic task, (b) on real labels, (c) and (d) on both tasks.</summary>
    public static IReadOnlyList<ClaimVerdict> Judge(IReadOnlyList<CellRecord> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return
        [
            Judge(cells, "a", ClaimAText, "synthetic", ClaimA(cells)),
            Judge(cells, "b", ClaimBText, "real", ClaimB(cells)),
            Judge(cells, "c", ClaimCText, "real", ClaimC(cells, "real")),
            Judge(cells, "c", ClaimCText, "synthetic", ClaimC(cells, "synthetic")),
            Judge(cells, "d", ClaimDText, "real", ClaimD(cells, "real")),
            Judge(cells, "d", ClaimDText, "synthetic", ClaimD(cells, "synthetic")),
        ];
    }

    /// <summary>Lower-case verdict words.</summary>
    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.DoesNotHold => "does not hold",
        Verdict.TooFewSeeds => "too few seeds",
        _ => "inconclusive",
    };

    private static IEnumerable<ClaimCheck> ClaimA(IReadOnlyList<CellRecord> cells) =>
        Sizes(cells, "synthetic").Take(3).SelectMany(n => new[]
        {
            Accuracy("synthetic", n, "product", "concat", Relation.Above, Delta),
            Accuracy("synthetic", n, "product", "tensor", Relation.Above, Delta),
            Accuracy("synthetic", n, "concat", "tensor", Relation.About, Delta),
        });

    private static IEnumerable<ClaimCheck> ClaimB(IReadOnlyList<CellRecord> cells) =>
        Sizes(cells, "real").SelectMany(n => new[]
        {
            Accuracy("real", n, "concat", "product", Relation.About, Delta),
            Accuracy("real", n, "tensor", "concat", Relation.Below, 0),
        });

    private static IEnumerable<ClaimCheck> ClaimC(IReadOnlyList<CellRecord> cells, string task)
    {
        int n = CommonLargestSize(cells, task);
        Func<CellRecord, double> drop = c => Summary(c, NoiseCondition.Text).DropAt01;
        const string What = "text-noise drop at α = 0.1";
        return [new(task, n, "product", "concat", Relation.Above, Delta, What, drop, true), new(task, n, "product", "tensor", Relation.Above, Delta, What, drop, true)];
    }

    private static IEnumerable<ClaimCheck> ClaimD(IReadOnlyList<CellRecord> cells, string task)
    {
        int n = CommonLargestSize(cells, task);
        foreach (var condition in Enum.GetValues<NoiseCondition>())
        {
            Func<CellRecord, double> area = c => FusionPoints.RelativeArea(c, condition);
            string what = $"relative robustness (area ÷ clean accuracy), {ResultTables.Name(condition)} noise";
            yield return new(task, n, "tensor", "concat", Relation.Above, Delta, what, area, true);
            yield return new(task, n, "tensor", "product", Relation.Above, Delta, what, area, true);
            if (condition == NoiseCondition.Both) yield return new(task, n, "concat", "product", Relation.Above, Delta, what, area, true);
        }
    }

    private static ClaimCheck Accuracy(string task, int n, string a, string b, Relation relation, double delta) =>
        new(task, n, a, b, relation, delta, "accuracy", c => c.TestAccuracy, false);

    private static ClaimVerdict Judge(IReadOnlyList<CellRecord> cells, string id, string claim, string task, IEnumerable<ClaimCheck> checks)
    {
        var inTask = cells.Where(c => c.Task == task && Paper.Contains(c.Fusion)).ToList();
        int seeds = inTask.Count == 0 ? 0 : inTask.GroupBy(c => (c.Fusion, c.Size)).Min(g => g.Select(c => c.Seed).Distinct().Count());
        var absent = Paper.Where(f => !inTask.Any(c => c.Fusion == f)).ToList();
        if (inTask.Count > 0 && seeds < MinSeeds)
        {
            return new ClaimVerdict(id, claim, task, Verdict.TooFewSeeds, 0, seeds, 0, 0, 0,
                [$"{task}: {seeds} seeds in some compared cell; a verdict needs at least {MinSeeds}"]);
        }
        if (absent.Count > 0)
        {
            return new ClaimVerdict(id, claim, task, Verdict.Inconclusive, 0, seeds, 0, 0, 0, [$"no {task}-task results for {string.Join(", ", absent)}"]);
        }
        return ClaimFamily.Decide(cells, id, claim, task, seeds, checks.ToList());
    }

    private static IEnumerable<int> Sizes(IReadOnlyList<CellRecord> cells, string task) =>
        cells.Where(c => c.Task == task).Select(c => c.Size).Distinct().Order();

    private static int CommonLargestSize(IReadOnlyList<CellRecord> cells, string task)
    {
        var fusions = cells.Where(c => c.Task == task).Select(c => c.Fusion).Distinct().ToList();
        var common = Sizes(cells, task).Where(n => fusions.All(f => cells.Any(c => c.Task == task && c.Size == n && c.Fusion == f)));
        return common.DefaultIfEmpty(0).Max();
    }

    private static RobustnessSummary Summary(CellRecord cell, NoiseCondition condition)
    {
        var (alphas, accuracy) = ResultTables.Curve(cell, condition);
        return RobustnessSummary.Of(alphas, accuracy, cell.MajorityAccuracy);
    }
}
