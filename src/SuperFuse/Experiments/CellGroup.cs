using SuperFuse.Data;
using SuperFuse.Fusion;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;

namespace SuperFuse.Experiments;

/// <summary>
/// A unit of work: cells trained together, in grid order. A stacked group holds every seed of one (fusion, task,
/// size) and is always trained whole, so a cell's result never depends on which of its neighbours were already done;
/// it is claimed, sharded and resumed as one unit.
/// </summary>
/// <param name="Cells">The cells, in grid order.</param>
/// <param name="Kind">The trainer that runs them.</param>
public sealed record CellGroup(IReadOnlyList<CellSpec> Cells, TrainerKind Kind)
{
    /// <summary>The key of its claim: the cell key for a single cell, else <c>fusion-task-nSIZE-seeds</c>.</summary>
    public string ClaimKey => Cells.Count == 1 ? Cells[0].Key : $"{Cells[0].Fusion}-{Cells[0].Task.Name()}-n{Cells[0].Size}-seeds";

    /// <summary>Splits cells into units: runs of stacked cells that differ only in seed, and single cells.</summary>
    public static IReadOnlyList<CellGroup> Of(IReadOnlyList<CellSpec> cells, StudyConfig config, PreparedData data)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        bool fast = config.FastTrainer();
        var groups = new List<CellGroup>();
        foreach (var run in cells.GroupBy(c => (c.Fusion, c.Task, c.Size)))
        {
            var members = run.ToList();
            var kind = TrainerChoice.For(fast, run.Key.Fusion.Method, data.Data.TextDim, data.Data.ImageDim,
                data.Data.Count, members.Count, members[0].Train, members[0].Model);
            if (kind == TrainerKind.Stacked) groups.Add(new CellGroup(members, kind));
            else groups.AddRange(members.Select(c => new CellGroup([c], kind)));
        }
        return groups;
    }
}
