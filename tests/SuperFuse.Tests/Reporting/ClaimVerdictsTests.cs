using SuperFuse.Experiments;
using SuperFuse.Reporting;
using SuperFuse.Robustness;

namespace SuperFuse.Tests.Reporting;

public sealed class ClaimVerdictsTests
{
    private static readonly double[] Alphas = [0, 0.1, 0.2, 0.4, 0.6, 0.8];

    /// <summary>A cell whose accuracy falls linearly with α at the given slope per condition (text, image, both).</summary>
    private static CellRecord Cell(string fusion, string task, int size, int seed, double accuracy, double text = 0.1, double image = 0.1, double both = 0.2,
        double majority = 0.5)
    {
        double jitter = 0.002 * (seed % 3);
        var noise = new List<NoisePoint>();
        foreach (var (condition, slope) in new[] { (NoiseCondition.Text, text), (NoiseCondition.Image, image), (NoiseCondition.Both, both) })
        {
            noise.AddRange(Alphas.Select(a => new NoisePoint(condition, a, Math.Max(0.5, accuracy + jitter - slope * a), 0.5)));
        }
        return new CellRecord
        {
            Key = $"{fusion}-{task}-n{size}-s{seed}",
            Fusion = fusion,
            Task = task,
            Size = size,
            Seed = seed,
            Classes = 2,
            FormatVersion = ResultsFormat.Version,
            MajorityAccuracy = majority,
            TestClassShares = [majority, 1 - majority],
            TrainMajority = majority,
            TrainMajorityClass = "a",
            BestEpoch = 1,
            EpochsRun = 1,
            StopReason = "max-epochs",
            ValAccuracy = accuracy,
            TestAccuracy = accuracy + jitter,
            TestAuc = accuracy,
            Parameters = 1,
            Seconds = 0,
            RocFpr = [0, 1],
            RocTpr = [0, 1],
            Noise = noise,
        };
    }

    /// <summary>Results shaped like the paper's findings, 5 seeds, sizes 16/32/64.</summary>
    private static List<CellRecord> PaperLike(double syntheticProduct = 0.9, int seeds = 5)
    {
        var cells = new List<CellRecord>();
        foreach (int n in new[] { 16, 32, 64 })
        {
            for (int s = 1; s <= seeds; s++)
            {
                cells.Add(Cell("product", "synthetic", n, s, syntheticProduct));
                cells.Add(Cell("concat", "synthetic", n, s, 0.6));
                cells.Add(Cell("tensor", "synthetic", n, s, 0.6));
                cells.Add(Cell("concat", "real", n, s, 0.75, text: 0.05, image: 0.05, both: 0.09));
                cells.Add(Cell("product", "real", n, s, 0.752, text: 0.9, image: 0.1, both: 0.3));
                cells.Add(Cell("tensor", "real", n, s, 0.70, text: 0.01, image: 0.01, both: 0.02));
            }
        }
        return cells;
    }

    [Fact]
    public void Paper_shaped_results_make_every_real_task_claim_and_claim_a_hold()
    {
        var verdicts = ClaimVerdicts.Judge(PaperLike());
        Assert.Equal(["a/synthetic", "b/real", "c/real", "c/synthetic", "d/real", "d/synthetic"], verdicts.Select(v => $"{v.Id}/{v.Task}"));
        Assert.All(verdicts.Where(v => v.Task == "real" || v.Id == "a"),
            v => Assert.True(v.Verdict == Verdict.Holds, $"({v.Id}) {v.Verdict}: {string.Join(" | ", v.Evidence)}"));
        Assert.Contains(verdicts[0].Evidence, e => e.Contains("product − concat = +0.300", StringComparison.Ordinal));
        Assert.All(verdicts.Where(v => v.Task == "real"), v => Assert.Equal(5, v.Seeds));
    }

    [Fact]
    public void Product_below_concat_on_the_synthetic_task_does_not_hold() =>
        Assert.Equal(Verdict.DoesNotHold, ClaimVerdicts.Judge(PaperLike(syntheticProduct: 0.5))[0].Verdict);

    [Fact]
    public void Missing_fusions_are_inconclusive() =>
        Assert.All(ClaimVerdicts.Judge(PaperLike().Where(c => c.Fusion != "tensor").ToList()).Where(v => v.Id == "d"),
            v => Assert.Equal(Verdict.Inconclusive, v.Verdict));

    [Fact]
    public void Three_seeds_give_too_few_seeds_everywhere()
    {
        var verdicts = ClaimVerdicts.Judge(PaperLike(seeds: 3));
        Assert.All(verdicts, v => Assert.Equal(Verdict.TooFewSeeds, v.Verdict));
        var table = ReportClaims.Table(verdicts);
        Assert.Equal(["claim", "task", "verdict", "comparisons", "seeds"], table.Columns.Take(5));
        Assert.All(table.Rows, r => Assert.Equal("too few seeds", r[2]));
    }

    [Fact]
    public void Models_at_their_majority_rate_are_left_out_of_robustness_claims()
    {
        // Product at 0.752 against a majority of 0.75: not clearly above it, so claim (c) has nothing left to judge.
        var cells = PaperLike().Select(c => c.Task == "real" ? c with { MajorityAccuracy = 0.75 } : c).ToList();
        var c = ClaimVerdicts.Judge(cells).Single(v => v.Id == "c" && v.Task == "real");
        Assert.Equal(Verdict.Inconclusive, c.Verdict);
        Assert.Equal(2, c.Excluded);
        Assert.Contains(c.Evidence, e => e.Contains("at the majority rate", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_clearly_above_its_majority_rate_needs_its_interval_one_point_above()
    {
        var above = Enumerable.Range(1, 5).Select(s => Cell("concat", "real", 64, s, 0.80, majority: 0.70)).ToList();
        var at = Enumerable.Range(1, 5).Select(s => Cell("concat", "real", 64, s, 0.705, majority: 0.70)).ToList();
        Assert.True(BaselineStatus.ClearlyAbove(above));
        Assert.False(BaselineStatus.ClearlyAbove(at));
    }
}
