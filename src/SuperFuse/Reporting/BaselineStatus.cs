using SuperFuse.Experiments;
using SuperFuse.Metrics;

namespace SuperFuse.Reporting;

/// <summary>
/// Whether a model is clearly above its majority rate: the lower end of the 95 % t-interval of its clean test accuracy
/// over seeds is at least <see cref="Margin"/> above the test split's majority-class share. A model that is not is
/// "at baseline": it answers about as well as one that ignores its input, so its robustness is never used in a claim.
/// </summary>
public static class BaselineStatus
{
    /// <summary>How far above the majority rate the interval's lower end must be (1 point).</summary>
    public const double Margin = 0.01;

    /// <summary>True when the cells of (task, fusion, size) are clearly above their majority rate; false for fewer than two seeds.</summary>
    public static bool ClearlyAbove(IReadOnlyList<CellRecord> cells, string task, string fusion, int size)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var group = cells.Where(c => c.Task == task && c.Fusion == fusion && c.Size == size).ToList();
        return group.Count > 0 && ClearlyAbove(group);
    }

    /// <summary>True when the seeds of one (task, fusion, size) group are clearly above their majority rate.</summary>
    public static bool ClearlyAbove(IReadOnlyCollection<CellRecord> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var accuracy = Aggregate.Of(group.Select(c => c.TestAccuracy));
        if (accuracy.Count < 2) return false;
        return accuracy.Mean - accuracy.Ci95 >= group.Max(c => c.MajorityAccuracy) + Margin;
    }
}
