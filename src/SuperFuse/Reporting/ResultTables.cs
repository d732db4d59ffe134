using SuperFuse.Experiments;
using SuperFuse.Robustness;

namespace SuperFuse.Reporting;

/// <summary>The tidy result tables of protocol §5, built from saved cells only.</summary>
public static class ResultTables
{
    private static readonly NoiseCondition[] Conditions = Enum.GetValues<NoiseCondition>();

    /// <summary>One row per cell × condition × α: accuracy and AUC under noise.</summary>
    public static Table Noise(IReadOnlyList<CellRecord> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        string[] columns = ["key", "fusion", "task", "size", "seed", "condition", "alpha", "draw", "accuracy", "auc"];
        var rows = cells.SelectMany(c => c.Noise.Select(p => new object[]
        {
            c.Key, c.Fusion, c.Task, c.Size, c.Seed, Name(p.Condition), p.Alpha, p.Draw, p.Accuracy, p.Auc,
        })).ToList();
        return new Table(columns, rows);
    }

    /// <summary>
    /// One row per cell: the wall time of the cell (a measurement of the machine, kept apart so that the result tables
    /// are byte-identical across processes, shards and resumes).
    /// </summary>
    public static Table Timing(IReadOnlyList<CellRecord> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return new Table(["key", "seconds"], cells.Select(c => new object[] { c.Key, c.Seconds }).ToList());
    }

    /// <summary>One row per cell: run metrics plus, per condition, area, drop/retention at α = 0.1, α₅₀ and effective robustness vs concat.</summary>
    public static Table Runs(IReadOnlyList<CellRecord> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var columns = new List<string>
        {
            "key", "fusion", "task", "size", "seed", "classes", "trainer", "best_epoch", "epochs_run", "stop_reason",
            "val_accuracy", "test_accuracy", "majority_accuracy", "test_auc", "parameters",
        };
        foreach (var c in Conditions.Select(Name))
        {
            columns.AddRange([$"area_{c}", $"drop01_{c}", $"retention01_{c}", $"alpha50_{c}", $"effective_robustness_{c}"]);
        }
        var concat = cells.Where(c => c.Fusion == "concat").ToDictionary(c => (c.Task, c.Size, c.Seed));
        var rows = cells.Select(c => RunRow(c, concat.GetValueOrDefault((c.Task, c.Size, c.Seed)))).ToList();
        return new Table(columns, rows);
    }

    /// <summary>The accuracy curve of one condition, sorted by α: the mean over noise draws at each α.</summary>
    public static (double[] Alphas, double[] Accuracy) Curve(CellRecord cell, NoiseCondition condition) => Curve(cell, condition, null);

    /// <summary>The accuracy curve of one condition under one noise draw (null: the mean over draws), sorted by α.</summary>
    public static (double[] Alphas, double[] Accuracy) Curve(CellRecord cell, NoiseCondition condition, int? draw)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var levels = cell.Noise.Where(p => p.Condition == condition && (draw is null || p.Draw == draw))
            .GroupBy(p => p.Alpha).OrderBy(g => g.Key).ToArray();
        return (levels.Select(g => g.Key).ToArray(), levels.Select(g => g.Average(p => p.Accuracy)).ToArray());
    }

    /// <summary>Lower-case condition name.</summary>
    public static string Name(NoiseCondition condition) => condition.ToString().ToLowerInvariant();

    private static object[] RunRow(CellRecord c, CellRecord? concat)
    {
        var row = new List<object>
        {
            c.Key, c.Fusion, c.Task, c.Size, c.Seed, c.Classes, c.Trainer, c.BestEpoch, c.EpochsRun, c.StopReason,
            c.ValAccuracy, c.TestAccuracy, c.MajorityAccuracy, c.TestAuc, c.Parameters,
        };
        foreach (var condition in Conditions)
        {
            var (alphas, acc) = Curve(c, condition);
            var s = RobustnessSummary.Of(alphas, acc, c.MajorityAccuracy);
            double eff = concat is null ? double.NaN : RobustnessSummary.EffectiveRobustness(acc, Curve(concat, condition).Accuracy);
            row.AddRange([s.Area, s.DropAt01, s.RetentionAt01, s.Alpha50, eff]);
        }
        return row.ToArray();
    }
}
